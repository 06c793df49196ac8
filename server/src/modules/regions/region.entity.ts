import { REGION_LEVELS, RegionLevel } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { UuidColumn, RefersTo } from '../../common/database/columns';
import { StampedRowColumns } from '../../common/database/stamped-row';
import { newId } from '../../common/ids';
import { childPath } from '../../common/tree/materialised-path';

/**
 * One node of the region tree (city → district → street → community). `path` is the materialised path of ids
 * ("/cityId/districtId/…/ownId/"), so a subtree is one indexed prefix match: `path LIKE '/…/streetId/%'`.
 */
@Entity('regions')
export class RegionEntity extends StampedRowColumns {
  @UuidColumn({ nullable: true })
  parentId: string | null;

  @RefersTo(() => RegionEntity, 'parentId')
  parent?: RegionEntity | null;

  @Column({ type: 'simple-enum', enum: REGION_LEVELS })
  level: RegionLevel;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Index('IDX_regions_path')
  @Column({ type: 'varchar', length: 255 })
  path: string;

  /** Public short code on the community's QR code; communities only. */
  @Index('UQ_regions_code', { unique: true })
  @Column({ type: 'varchar', length: 12, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  address: string | null;

  /** 社区服务电话: a public number residents call for help (communities). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  servicePhone: string | null;

  /** GCJ-02, as WeChat's location APIs return it. */
  @Column({ type: 'double', nullable: true })
  lat: number | null;

  @Column({ type: 'double', nullable: true })
  lng: number | null;

  @Column({ type: 'int', nullable: true })
  checkinRadiusM: number | null;
}

/**
 * A new node under `parent` (null for a city), its path extending the parent's. What only a community has (code,
 * address, service phone, point, check-in radius) is null unless `place` gives it.
 */
export function newRegion(
  parent: RegionEntity | null,
  level: RegionLevel,
  name: string,
  now: Date,
  place: Partial<Pick<RegionEntity, 'code' | 'address' | 'servicePhone' | 'lat' | 'lng' | 'checkinRadiusM'>> = {},
): RegionEntity {
  const id = newId();
  return {
    id,
    parentId: parent?.id ?? null,
    level,
    name,
    path: childPath(parent?.path ?? null, id),
    code: null,
    address: null,
    servicePhone: null,
    lat: null,
    lng: null,
    checkinRadiusM: null,
    createdAt: now,
    updatedAt: now,
    ...place,
  };
}
