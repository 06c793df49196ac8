import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/**
 * One uploaded photo (already re-encoded without metadata) and its thumbnail. It belongs to its uploader until
 * another module attaches it to something, e.g. `wish:<id>`; only then does it show up anywhere.
 */
@Entity('uploads')
@Index('IDX_uploads_owner', ['ownerId', 'createdAt'])
export class UploadEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  ownerId: string;

  @RefersTo(() => UserEntity, 'ownerId')
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 255 })
  storageKey: string;

  @Column({ type: 'varchar', length: 255 })
  thumbnailKey: string;

  /** Of the stored image (the thumbnail is always image/jpeg). */
  @Column({ type: 'varchar', length: 32 })
  contentType: string;

  @Column({ type: 'int' })
  bytes: number;

  @Column({ type: 'int' })
  width: number;

  @Column({ type: 'int' })
  height: number;

  /** Hex SHA-256 of the stored bytes; doubles as the HTTP ETag. */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** What the photo belongs to, `<kind>:<id>` (e.g. `wish:…`); null until attached. */
  @Index('IDX_uploads_attachedTo')
  @Column({ type: 'varchar', length: 80, nullable: true })
  attachedTo: string | null;

  @DateTimeColumn()
  createdAt: Date;
}
