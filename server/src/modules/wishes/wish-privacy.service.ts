import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { WishStatus } from '@nuancheng/shared';
import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { JobRegistry } from '../jobs/job-registry.service';
import { WishClaimEntity } from './entities/wish-claim.entity';
import { WishEntity } from './entities/wish.entity';

/** Still moving: deleting the account would leave a claimant or the community without anyone to answer. */
const IN_PROGRESS: readonly WishStatus[] = ['submitted', 'held', 'published', 'claimed', 'fulfilled', 'disputed'];

/** What replaces a deleted resident's beneficiary fields (the columns are NOT NULL ciphertexts, so a sealed marker). */
export const ANONYMISED = '已注销';

/** What replaces the beneficiary fields of a wish closed longer than the retention period. */
export const RETENTION_ANONYMISED = '已匿名';

/**
 * Closed: nothing more happens to the wish that needs to reach its beneficiary. `fulfilled` counts (the claimant
 * delivered; the resident's confirmation only adds a rating), `disputed` does not (someone still has to call).
 */
export const CLOSED: readonly WishStatus[] = ['confirmed', 'fulfilled', 'withdrawn', 'rejected'];

const RETENTION_BATCH = 200;

/**
 * A resident's rights over the wishes they posted (PIPL): their download, the anonymising of a deleted account,
 * and storage limitation (art. 19): beneficiary details of wishes closed longer than BENEFICIARY_RETENTION_DAYS
 * are anonymised by the `beneficiary-retention` job.
 */
@Injectable()
export class WishPrivacyService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: DataCipher,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly jobs: JobRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'beneficiary-retention', run: () => this.anonymiseExpired() });
  }

  /**
   * Seals name, phone, hardship, guardian, relation and delivery address of every wish closed (last changed) more than the retention period
   * ago and not yet sealed; status, dates, value, claimant, rating and the timeline stay, so history and the
   * dashboards' counts do not change. Batches of 200, each in its own transaction with a conditional update
   * (`anonymisedAt IS NULL`), so a second instance or a second run changes nothing. One audit entry per run
   * that sealed any, with the count.
   */
  async anonymiseExpired(): Promise<{ anonymised: number; cutoff: Date }> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.beneficiaryRetentionDays * 86400_000);
    const sealed = this.cipher.encrypt(RETENTION_ANONYMISED);
    let anonymised = 0;
    for (;;) {
      const batch = await inTransaction(this.dataSource, async (manager) => {
        const ids = (
          await manager.find(WishEntity, {
            where: { status: In([...CLOSED]), updatedAt: LessThan(cutoff), anonymisedAt: IsNull() },
            select: ['id'],
            order: { updatedAt: 'ASC', id: 'ASC' },
            take: RETENTION_BATCH,
          })
        ).map((w) => w.id);
        if (!ids.length) return 0;
        const result = await manager.update(
          WishEntity,
          { id: In(ids), anonymisedAt: IsNull() },
          {
            beneficiaryMasked: '某**',
            beneficiaryNameCipher: sealed,
            contactPhoneCipher: sealed,
            hardshipCipher: sealed,
            guardianNameCipher: null,
            contactRelation: null,
            deliveryAddressCipher: null,
            anonymisedAt: now,
          },
        );
        return result.affected ?? ids.length;
      });
      anonymised += batch;
      if (batch < RETENTION_BATCH) break;
    }
    if (anonymised) {
      await this.audit.record(this.dataSource.manager, {
        actorId: null,
        action: 'wishes.beneficiary.anonymise',
        subjectType: 'wish',
        subjectId: null,
        detail: { anonymised, retentionDays: this.config.beneficiaryRetentionDays, closedBefore: cutoff.toISOString() },
      });
    }
    return { anonymised, cutoff };
  }

  /** The wishes the user posted or is the resident of, beneficiary fields decrypted (they entered them), and their claims. */
  async exportOf(userId: string): Promise<{ wishes: Record<string, unknown>[]; claims: Record<string, unknown>[] }> {
    const wishes = await this.dataSource.getRepository(WishEntity).find({ where: [{ residentUserId: userId }, { enteredByUserId: userId }], order: { createdAt: 'ASC', id: 'ASC' } });
    const claims = await this.dataSource.getRepository(WishClaimEntity).find({ where: { claimedByUserId: userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      wishes: wishes.map((w) => ({
        id: w.id,
        title: w.title,
        description: w.description,
        category: w.category,
        estimatedValueYuan: w.estimatedValueYuan,
        status: w.status,
        // A wish staff entered for a resident without a phone is the beneficiary's data, not the caller's: the
        // export names it (masked) but never carries their phone, hardship or guardian (PIPL art. 45 is a right
        // to one's own data; staff who change community must not take their residents' details with them).
        enteredOnBehalf: w.residentUserId !== userId,
        beneficiary:
          w.residentUserId === userId
            ? {
                name: this.cipher.decrypt(w.beneficiaryNameCipher),
                phone: this.cipher.decrypt(w.contactPhoneCipher),
                hardship: this.cipher.decrypt(w.hardshipCipher),
                guardianName: w.guardianNameCipher ? this.cipher.decrypt(w.guardianNameCipher) : null,
                contactRelation: w.contactRelation,
                deliveryAddress: w.deliveryAddressCipher ? this.cipher.decrypt(w.deliveryAddressCipher) : null,
              }
            : { name: w.beneficiaryMasked, phone: null, hardship: null, guardianName: null, contactRelation: null, deliveryAddress: null },
        consent: { version: w.consentVersion, at: w.consentAt.toISOString() },
        rating: w.rating,
        thanks: w.thanks,
        createdAt: w.createdAt.toISOString(),
      })),
      claims: claims.map((c) => ({
        id: c.id,
        wishId: c.wishId,
        kind: c.claimantKind,
        status: c.status,
        deadline: c.deadline.toISOString(),
        endedAt: c.endedAt?.toISOString() ?? null,
        createdAt: c.createdAt.toISOString(),
      })),
    };
  }

  /** Refuses deleting an account while one of its wishes is still moving (the resident withdraws or finishes it first). */
  async assertNoneInProgress(manager: EntityManager, userId: string): Promise<void> {
    const open = await manager.count(WishEntity, {
      where: [
        { residentUserId: userId, status: In([...IN_PROGRESS]) },
        { enteredByUserId: userId, status: In([...IN_PROGRESS]) },
      ],
    });
    if (open) throw AppException.conflict(`您还有 ${open} 个进行中的心愿，请先撤回或等它完成后再注销账号`);
  }

  /**
   * Seals the beneficiary fields of the user's wishes: name, phone, hardship and guardian no longer say who;
   * the public name becomes 某**. Status, dates, counts and the timeline stay. Returns how many wishes changed.
   */
  async anonymiseResident(manager: EntityManager, userId: string): Promise<number> {
    const ids = (await manager.find(WishEntity, { where: [{ residentUserId: userId }, { enteredByUserId: userId }], select: ['id'] })).map((w) => w.id);
    if (!ids.length) return 0;
    await manager.update(
      WishEntity,
      { id: In(ids) },
      {
        beneficiaryMasked: '某**',
        beneficiaryNameCipher: this.cipher.encrypt(ANONYMISED),
        contactPhoneCipher: this.cipher.encrypt(ANONYMISED),
        hardshipCipher: this.cipher.encrypt(ANONYMISED),
        guardianNameCipher: null,
        contactRelation: null,
        deliveryAddressCipher: null,
        anonymisedAt: this.clock.now(),
      },
    );
    return ids.length;
  }
}
