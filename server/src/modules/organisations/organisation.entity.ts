import { ORGANISATION_LEVELS, OrganisationLevel } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** One node of the organisation tree (work committee → unit → party committee → branch); `path` as for regions. */
@Entity('organisations')
export class OrganisationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'parentId' })
  parent?: OrganisationEntity | null;

  @Column({ type: 'simple-enum', enum: ORGANISATION_LEVELS })
  level: OrganisationLevel;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Index('IDX_organisations_path')
  @Column({ type: 'varchar', length: 255 })
  path: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
