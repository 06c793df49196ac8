import type { ConsentDecision, ConsentScope } from '@nuancheng/shared';
import { CONSENT_DECISIONS, CONSENT_SCOPES } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/** One decision on one scope of a privacy-notice version; append-only (the latest row per scope is in force). */
@Entity('consents')
@Index('IDX_consents_user', ['userId', 'scope', 'createdAt'])
export class ConsentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'userId' })
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

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
