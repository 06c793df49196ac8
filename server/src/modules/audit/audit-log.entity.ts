import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Append-only record of access to personal data and of privileged changes (PIPL). */
@Entity('audit_logs')
@Index('IDX_audit_logs_subject', ['subjectType', 'subjectId'])
@Index('IDX_audit_logs_actor', ['actorId', 'createdAt'])
export class AuditLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  /** e.g. `member.roster.import`, `user.phone.bind`, `wish.contact.read`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  subjectType: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  subjectId: string | null;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
