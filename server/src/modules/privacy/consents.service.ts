import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CONSENT_SCOPE_LABELS, CONSENT_SCOPES, ErrorCode, PRIVACY_NOTICE, type ConsentScope, type MyConsents, type PrivacyNotice, type RecordConsent } from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { requestContext } from '../../common/http/request-context';
import { newId } from '../../common/ids';
import { AuditService } from '../audit/audit.service';
import { ConsentEntity } from './consent.entity';

/** sha256 of the notice's wording: a consent names the exact text it was given to. */
export const NOTICE_HASH = createHash('sha256')
  .update(JSON.stringify([PRIVACY_NOTICE.version, PRIVACY_NOTICE.title, PRIVACY_NOTICE.effectiveDate, PRIVACY_NOTICE.sections]))
  .digest('hex');

/**
 * Consent to the privacy notice (PIPL art. 14-16): per scope, append-only, tied to the notice version. Only a
 * grant to the version in force counts, so a new version asks everyone again; withdrawing is as easy as granting.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  notice(): PrivacyNotice {
    return {
      version: PRIVACY_NOTICE.version,
      title: PRIVACY_NOTICE.title,
      effectiveDate: PRIVACY_NOTICE.effectiveDate,
      textHash: NOTICE_HASH,
      sections: PRIVACY_NOTICE.sections.map((s) => ({ title: s.title, body: s.body })),
      scopes: CONSENT_SCOPES.map((scope) => ({ scope, ...CONSENT_SCOPE_LABELS[scope] })),
    };
  }

  async record(principal: Principal, input: RecordConsent): Promise<MyConsents> {
    // A grant must name the wording in force: an app showing last year's notice is asked to fetch it again.
    if (input.decision === 'granted' && input.noticeVersion !== PRIVACY_NOTICE.version) {
      throw AppException.conflict('隐私保护指引已更新，请阅读新版后再同意', ErrorCode.PrivacyNoticeOutdated);
    }
    const context = requestContext();
    const now = this.clock.now();
    const scopes = [...new Set(input.scopes)];
    await inTransaction(this.dataSource, async (manager) => {
      await manager.insert(
        ConsentEntity,
        scopes.map((scope) => ({
          id: newId(),
          userId: principal.userId,
          scope,
          noticeVersion: PRIVACY_NOTICE.version,
          noticeHash: NOTICE_HASH,
          decision: input.decision,
          ip: context?.ip?.slice(0, 64) ?? null,
          userAgent: context?.userAgent?.slice(0, 200) ?? null,
          createdAt: now,
        })),
      );
      await this.audit.record(manager, {
        action: input.decision === 'granted' ? 'me.consents.grant' : 'me.consents.withdraw',
        subjectType: 'user',
        subjectId: principal.userId,
        detail: { scopes, noticeVersion: PRIVACY_NOTICE.version },
      });
    });
    return this.of(principal.userId);
  }

  async of(userId: string, manager: EntityManager = this.dataSource.manager): Promise<MyConsents> {
    const rows = await manager.find(ConsentEntity, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const latest = new Map<ConsentScope, ConsentEntity>();
    for (const row of rows) latest.set(row.scope, row);
    const scopes = CONSENT_SCOPES.map((scope) => {
      const row = latest.get(scope);
      return {
        scope,
        granted: row?.decision === 'granted' && row.noticeVersion === PRIVACY_NOTICE.version,
        noticeVersion: row?.noticeVersion ?? null,
        at: row?.createdAt.toISOString() ?? null,
      };
    });
    return {
      noticeVersion: PRIVACY_NOTICE.version,
      scopes,
      reconsentNeeded: [...latest.values()].some((row) => row.decision === 'granted' && row.noticeVersion !== PRIVACY_NOTICE.version),
      history: rows.map((r) => ({ id: r.id, scope: r.scope, noticeVersion: r.noticeVersion, decision: r.decision, at: r.createdAt.toISOString() })),
    };
  }

  /** Account deletion: the decisions stay as evidence (PIPL art. 55 burden of proof); where they came from goes. */
  async anonymise(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(ConsentEntity, { userId }, { ip: null, userAgent: null });
  }
}
