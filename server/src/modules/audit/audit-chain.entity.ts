import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UuidPrimaryColumn, DateTimeColumn } from '../../common/database/columns';

/**
 * The chain's head: one row (`id = 1`), locked by every append (`SELECT … FOR UPDATE` on MariaDB; SQLite writes
 * one at a time), so entries written by several instances at once still form one chain.
 */
@Entity('audit_chain_heads')
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  /** The last entry's seq (0 before the first). */
  @Column({ type: 'int' })
  seq: number;

  /** The last entry's hash (the genesis value before the first). */
  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

/**
 * Left by each retention purge: the last purged entry's seq and hash, so the first entry kept still links to
 * something the check can see (append-only).
 */
@Entity('audit_checkpoints')
@Index('IDX_audit_checkpoints_seq', ['seq'])
export class AuditCheckpointEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** Entries written before this instant were purged. */
  @DateTimeColumn()
  purgedBefore: Date;

  @Column({ type: 'int' })
  purged: number;

  @DateTimeColumn()
  createdAt: Date;
}
