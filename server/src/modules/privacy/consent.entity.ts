import type { ConsentDecision, ConsentScope } from '@nuancheng/shared';
import { CONSENT_DECISIONS, CONSENT_SCOPES } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/** One decision on one scope of a privacy-notice version; append-only (the latest row per scope is in force). */
@Entity('consents')
@Index('IDX_consents_user', ['userId', 'scope', 'createdAt'])
export class ConsentEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  userId: string;

  @RefersTo(() => UserEntity, 'userId')
  user?: UserEntity;

  @Column({ type: 'simple-enum', enum: CONSENT_SCOPES })
  scope: ConsentScope;

  @Column({ type: 'varchar', length: 20 })
  noticeVersion: string;

  /** sha256 of the notice text the user was shown. */
  @Column({ type: 'varchar', length: 64 })
  noticeHash: string;

  @Column({ type: 'simple-enum', enum: CONSENT_DECISIONS })
  decision: ConsentDecision;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent: string | null;

  @DateTimeColumn()
  createdAt: Date;
}
