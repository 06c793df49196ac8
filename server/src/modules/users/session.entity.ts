import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn } from '../../common/database/columns';
import { UserOwnedColumns } from './user-owned-row.entity';

/**
 * A signed-in session: the refresh token (kept as a keyed hash) that renews the short access token. Every access
 * token names its session, and the guard reads the session with the principal on every request, so signing out,
 * ending all sessions or disabling a user takes effect at once on every instance.
 */
@Entity('sessions')
@Index('IDX_sessions_user', ['userId', 'createdAt'])
export class SessionEntity extends UserOwnedColumns {
  /** HMAC of the current refresh token. */
  @Index('UQ_sessions_refreshHash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  refreshHash: string;

  /** HMAC of the refresh token it replaced: presenting that one again means it was stolen, and ends the session. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  previousRefreshHash: string | null;

  @DateTimeColumn()
  expiresAt: Date;

  @DateTimeColumn({ nullable: true })
  revokedAt: Date | null;

  /** sign_out | sign_out_all | reuse | disabled */
  @Column({ type: 'varchar', length: 16, nullable: true })
  revokeReason: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @DateTimeColumn()
  lastUsedAt: Date;

  @DateTimeColumn()
  createdAt: Date;
}
