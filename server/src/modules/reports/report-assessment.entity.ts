import { Column, Entity, Index } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { RegionEntity } from '../regions/region.entity';
import { AssessmentColumns } from './review-columns.entity';
import { UuidColumn, RefersTo } from '../../common/database/columns';

/**
 * The territorial line: a street's or a community's assessment of a member who served there in a half year
 * (优秀 / 良好 / 一般 / 较差 + comment). One per assessing scope, member and period; a revision replaces it.
 */
@Entity('report_assessments')
@Index('UQ_report_assessments_scope', ['memberId', 'period', 'scopeRegionId'], { unique: true })
@Index('IDX_report_assessments_street', ['streetId', 'period'])
export class ReportAssessmentEntity extends AssessmentColumns {
  @UuidColumn()
  memberId: string;

  @RefersTo(() => MemberEntity, 'memberId')
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** The assessor's scope: a street (street official) or a community (community staff). */
  @UuidColumn()
  scopeRegionId: string;

  @RefersTo(() => RegionEntity, 'scopeRegionId')
  scopeRegion?: RegionEntity;

  /** The street the scope lies in (itself for a street). */
  @UuidColumn()
  streetId: string;

  @RefersTo(() => RegionEntity, 'streetId')
  street?: RegionEntity;

  /** The role the assessor acted in. */
  @Column({ type: 'varchar', length: 24 })
  assessorRole: string;
}
