import { Column, Entity, Index } from 'typeorm';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn } from '../../common/database/columns';

/**
 * Append-only record of access to personal data and of every change (PIPL, the Cybersecurity Law's six months).
 * Each entry is inserted unlinked (`hash = 'pending'`, no seq) in the caller's transaction; the `audit-chain-link`
 * job then gives it its place in one chain (`seq`), the previous entry's hash and its own (audit-chain.ts), so an
 * edited or deleted linked row is found by `cli.js audit-verify`. The application never updates a linked row nor
 * deletes one; the linker fills in only the three chain columns of pending rows, and the retention purge removes
 * the oldest linked ones, behind a checkpoint.
 */
@Entity('audit_logs')
@Index('IDX_audit_logs_subject', ['subjectType', 'subjectId'])
@Index('IDX_audit_logs_actor', ['actorId', 'createdAt'])
@Index('UQ_audit_logs_seq', ['seq'], { unique: true })
@Index('IDX_audit_logs_action', ['action', 'createdAt'])
@Index('IDX_audit_logs_created', ['createdAt'])
@Index('IDX_audit_logs_pending', ['hash', 'id'])
export class AuditLogEntity {
  @UuidPrimaryColumn()
  id: string;

  /** Place in the chain; null for entries not yet linked (hash `pending`) and for those from before the chain. */
  @Column({ type: 'int', nullable: true })
  seq: number | null;

  @UuidColumn({ nullable: true })
  actorId: string | null;

  /** The role the actor acted in (the assignment the route's rule matched), or the roles held on other routes. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  role: string | null;

  /** The node that role is held on (a region or an organisation), by id and by name at the time. */
  @UuidColumn({ nullable: true })
  scopeId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  scopeName: string | null;

  /** e.g. `member.roster.import`, `user.phone.bind`, `wish.contact.read`, or a route's `wishes.claim`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  subjectType: string;

  @UuidColumn({ nullable: true })
  subjectId: string | null;

  /** `ok` or `refused` (4xx), `error` (5xx); null only for entries from before the chain. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  result: string | null;

  /** Unmasked reads: which personal fields were shown (comma-separated). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  fields: string | null;

  /** Why: the break-glass reason, the relation that entitles a read, a correction's reason. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent: string | null;

  @DateTimeColumn()
  createdAt: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  hash: string | null;
}
