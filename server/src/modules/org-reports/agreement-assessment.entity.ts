import { Column, Entity, Index } from 'typeorm';
import { AgreementEntity } from '../agreements/agreement.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { AssessmentColumns } from '../reports/review-columns.entity';
import { UuidColumn, RefersTo } from '../../common/database/columns';

/**
 * A paired street's assessment of a unit's agreement for a year (优秀 / 良好 / 一般 / 较差 + comment), shown beside
 * the agreement in the unit's annual report. One per agreement, year and street; a revision replaces it.
 */
@Entity('agreement_assessments')
@Index('UQ_agreement_assessments_scope', ['agreementId', 'year', 'streetId'], { unique: true })
@Index('IDX_agreement_assessments_unit', ['unitId', 'year'])
export class AgreementAssessmentEntity extends AssessmentColumns {
  @UuidColumn()
  agreementId: string;

  @RefersTo(() => AgreementEntity, 'agreementId')
  agreement?: AgreementEntity;

  /** The agreement's unit (so a unit's report finds its assessments without reading the agreements). */
  @UuidColumn()
  unitId: string;

  @RefersTo(() => OrganisationEntity, 'unitId')
  unit?: OrganisationEntity;

  @Column({ type: 'int' })
  year: number;

  @UuidColumn()
  streetId: string;

  @RefersTo(() => RegionEntity, 'streetId')
  street?: RegionEntity;
}
