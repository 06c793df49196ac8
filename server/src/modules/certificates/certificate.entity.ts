import { Column, Entity, Index } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { UserEntity } from '../users/user.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/**
 * 志愿服务记录证明: what was certified (identity, issuer, period, totals and a digest of the entries, as canonical
 * JSON) and the server's HMAC over it. The entries themselves are re-read from the append-only ledger as of
 * `issuedAt`, and must match the digest, whenever the PDF is made again.
 */
@Entity('service_certificates')
@Index('UQ_service_certificates_number', ['number'], { unique: true })
@Index('IDX_service_certificates_member', ['memberId', 'issuedAt'])
export class CertificateEntity {
  @UuidPrimaryColumn()
  id: string;

  /** Printed and in the QR code: NC-XXXXXXXX-YYYY (random part and a keyed check on it). */
  @Column({ type: 'varchar', length: 24 })
  number: string;

  @UuidColumn()
  memberId: string;

  @RefersTo(() => MemberEntity, 'memberId')
  member?: MemberEntity;

  /** 2026H1, 2026H2 or 2026. */
  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** The signed content, canonical JSON (CertificateContent). */
  @Column({ type: 'text' })
  content: string;

  /** Hex HMAC-SHA256 of `content` under CERT_KEY. */
  @Column({ type: 'varchar', length: 64 })
  signature: string;

  @UuidColumn()
  issuedByUserId: string;

  @RefersTo(() => UserEntity, 'issuedByUserId')
  issuedBy?: UserEntity;

  @DateTimeColumn()
  issuedAt: Date;
}
