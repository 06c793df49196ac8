import { ORGANISATION_LEVELS, OrganisationLevel } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { UuidColumn, RefersTo } from '../../common/database/columns';
import { StampedRowColumns } from '../../common/database/stamped-row';

/** One node of the organisation tree (work committee → unit → party committee → branch); `path` as for regions. */
@Entity('organisations')
export class OrganisationEntity extends StampedRowColumns {
  @UuidColumn({ nullable: true })
  parentId: string | null;

  @RefersTo(() => OrganisationEntity, 'parentId')
  parent?: OrganisationEntity | null;

  @Column({ type: 'simple-enum', enum: ORGANISATION_LEVELS })
  level: OrganisationLevel;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Index('IDX_organisations_path')
  @Column({ type: 'varchar', length: 255 })
  path: string;
}
