import { Column, Entity, Index } from 'typeorm';
import { UuidPrimaryColumn, DateTimeColumn } from '../../common/database/columns';

/** A WeChat user. Everyone is a resident; other roles come from role assignments. */
@Entity('users')
export class UserEntity {
  @UuidPrimaryColumn()
  id: string;

  @Index('UQ_users_openid', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  nickname: string | null;

  /** AES-256-GCM ciphertext of the phone (DataCipher); never returned unmasked. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  phoneCipher: string | null;

  /** Keyed HMAC of the phone, to match roster rows without decrypting. */
  @Index('UQ_users_phoneHash', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  @DateTimeColumn({ nullable: true })
  phoneBoundAt: Date | null;

  @DateTimeColumn({ nullable: true })
  lastSignInAt: Date | null;

  /** Set by an administrator: the user can no longer sign in, and their sessions end at once. */
  @DateTimeColumn({ nullable: true })
  disabledAt: Date | null;

  @DateTimeColumn()
  createdAt: Date;
}
