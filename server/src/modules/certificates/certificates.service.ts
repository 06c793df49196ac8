import { Inject, Injectable } from '@nestjs/common';
import { maskName, type Certificate, type CertificateList, type CertificateVerification } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { LedgerService, periodOf } from '../ledger/ledger.service';
import { MembersService } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { UsersService } from '../users/users.service';
import { beijingDate, chineseDate, hoursText, type CertificateContent } from './certificate-content';
import { renderCertificatePdf } from './certificate-pdf';
import { checkCodeOf, downloadToken, isDownloadToken, isIssuedNumber, isSignedContent, newCertificateNumber, signContent } from './certificate-signing';
import { CertificateEntity } from './certificate.entity';

/** How long a download link works. */
const DOWNLOAD_TTL_MS = 10 * 60 * 1000;
/** What a TEXT column holds on MySQL/MariaDB, with room to spare. */
const MAX_CONTENT_BYTES = 60_000;
const NOT_GENUINE = '未查到该证明，编号可能有误或证明不是本平台出具的';

/**
 * 志愿服务记录证明 (2020 national rules for volunteer-service records): a member's service for a period with
 * identity, each credit (date, hours, content, place), total hours, the issuer (their branch, person in charge and
 * contact), a number and a date of issue — signed by the server (HMAC under CERT_KEY) and checkable by anyone at
 * /verify/<number>. Issuing is audited.
 */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Issues the signed-in member's certificate for a half year or a year that has begun. */
  async issue(principal: Principal, periodKey: string): Promise<Certificate> {
    const now = this.clock.now();
    const period = periodOf(periodKey, now);
    if (period.from.getTime() > now.getTime()) throw AppException.badRequest(`${period.label}尚未开始，不能开具证明`);
    const member = await this.members.memberOfUser(principal.userId);
    if (!member) throw AppException.forbidden('只有在职党员可以开具志愿服务记录证明');
    const branch = await this.organisations.nodeOf(member.branchId);
    if (!branch) throw AppException.notFound('没有找到您所在的党支部');
    const unit = await this.organisations.unitNodeOf(branch);
    // 负责人: the branch's secretary (the first by id when several), with the phone bound to their account.
    const [secretaryId] = (await this.users.holdersOf(this.dataSource.manager, 'branch_secretary', { organisationId: branch.id })).sort();
    const secretary = secretaryId ? await this.members.memberOfUser(secretaryId) : null;
    const contact = secretaryId ? await this.users.boundPhoneOf(secretaryId) : null;

    return inTransaction(this.dataSource, async (manager) => {
      const issuedAt = this.clock.now();
      const entries = await this.ledger.liveEntriesAsOf(manager, member.id, period.from, period.to, issuedAt);
      const places = await this.regions.nodesOf(
        entries.flatMap((e) => [e.communityId, e.streetId]).filter((id): id is string => !!id),
        manager,
      );
      const number = newCertificateNumber(this.config.certKey);
      const content: CertificateContent = {
        v: 1,
        number,
        period: { key: period.key, label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
        volunteer: { memberId: member.id, name: member.name, branch: branch.name, unit: unit?.name ?? null },
        issuer: { kind: 'branch', id: branch.id, name: branch.name, personInCharge: secretary?.name ?? '（未设置党支部书记）', contact: contact ?? '—' },
        totalMinutes: entries.reduce((n, e) => n + e.minutes, 0),
        entries: entries.map((e) => ({
          date: beijingDate(e.occurredAt),
          minutes: e.minutes,
          content: e.description,
          place: (e.communityId && places.get(e.communityId)?.name) || (e.streetId && places.get(e.streetId)?.name) || '—',
        })),
        issuedAt: issuedAt.toISOString(),
      };
      const text = JSON.stringify(content);
      if (Buffer.byteLength(text) > MAX_CONTENT_BYTES) throw AppException.badRequest('该时段服务记录过多，请按半年分别开具证明');
      const signature = signContent(this.config.certKey, text);
      await manager.insert(CertificateEntity, { id: newId(), number, memberId: member.id, period: period.key, content: text, signature, issuedByUserId: principal.userId, issuedAt });
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'certificate.issue',
        subjectType: 'certificate',
        subjectId: number,
        detail: { memberId: member.id, period: period.key, totalMinutes: content.totalMinutes, entries: content.entries.length },
      });
      return this.present(content, signature);
    });
  }

  /** The signed-in member's certificates, newest first, each with a fresh download link. */
  async mine(principal: Principal): Promise<CertificateList> {
    const member = await this.members.memberOfUser(principal.userId);
    if (!member) return { items: [] };
    const rows = await this.dataSource.getRepository(CertificateEntity).find({ where: { memberId: member.id }, order: { issuedAt: 'DESC', id: 'DESC' }, take: 50 });
    return { items: rows.map((r) => this.present(JSON.parse(r.content) as CertificateContent, r.signature)) };
  }

  /** The PDF, for a valid download token (made again from the signed content, which must still verify). */
  async pdf(number: string, expires: number, token: string): Promise<{ filename: string; bytes: Buffer }> {
    if (!isIssuedNumber(this.config.certKey, number) || !isDownloadToken(this.config.certKey, number, expires, token, this.clock.now().getTime())) {
      throw AppException.forbidden('下载链接无效或已过期，请回到“我的证明”重新下载');
    }
    const row = await this.dataSource.getRepository(CertificateEntity).findOneBy({ number });
    if (!row) throw AppException.notFound('没有找到这份证明');
    if (!isSignedContent(this.config.certKey, row.content, row.signature)) throw AppException.conflict('证明数据校验失败，请联系所在党支部');
    const content = JSON.parse(row.content) as CertificateContent;
    return { filename: `志愿服务记录证明-${number}.pdf`, bytes: await renderCertificatePdf(content, this.verifyUrl(number), checkCodeOf(row.signature)) };
  }

  /** The public check: genuine only for a number this key issued, on file, whose stored content still verifies. */
  async verify(number: string): Promise<CertificateVerification> {
    const normalised = number.trim().toUpperCase();
    const notGenuine = { number: normalised, genuine: false, message: NOT_GENUINE, certificate: null };
    if (!isIssuedNumber(this.config.certKey, normalised)) return notGenuine;
    const row = await this.dataSource.getRepository(CertificateEntity).findOneBy({ number: normalised });
    if (!row || !isSignedContent(this.config.certKey, row.content, row.signature)) return notGenuine;
    const content = JSON.parse(row.content) as CertificateContent;
    return {
      number: normalised,
      genuine: true,
      message: '经核验，该证明真实有效',
      certificate: {
        nameMasked: maskName(content.volunteer.name),
        branch: content.volunteer.branch,
        unit: content.volunteer.unit,
        issuer: content.issuer.name,
        period: content.period.label,
        totalHours: hoursText(content.totalMinutes),
        entries: content.entries.length,
        issuedAt: chineseDate(content.issuedAt),
        checkCode: checkCodeOf(row.signature),
      },
    };
  }

  verifyUrl(number: string): string {
    return `${this.config.qrBaseUrl}/verify/${encodeURIComponent(number)}`;
  }

  private present(content: CertificateContent, signature: string): Certificate {
    const expires = this.clock.now().getTime() + DOWNLOAD_TTL_MS;
    const token = downloadToken(this.config.certKey, content.number, expires);
    return {
      number: content.number,
      period: content.period,
      totalMinutes: content.totalMinutes,
      totalHours: hoursText(content.totalMinutes),
      entries: content.entries.length,
      issuer: { name: content.issuer.name, personInCharge: content.issuer.personInCharge, contact: content.issuer.contact },
      issuedAt: content.issuedAt,
      checkCode: checkCodeOf(signature),
      downloadUrl: `/api/certificates/${encodeURIComponent(content.number)}/pdf?expires=${expires}&token=${token}`,
      verifyUrl: this.verifyUrl(content.number),
    };
  }
}
