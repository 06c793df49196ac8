import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AgreementEntity } from '../agreements/agreement.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { AssessmentColumns } from '../reports/review-columns.entity';

/**
 * A paired street's assessment of a unit's agreement for a year (优秀 / 良好 / 一般 / 较差 + comment), shown beside
 * the agreement in the unit's annual report. One per agreement, year and street; a revision replaces it.
 */
@Entity('agreement_assessments')
@Index('UQ_agreement_assessments_scope', ['agreementId', 'year', 'streetId'], { unique: true })
@Index('IDX_agreement_assessments_unit', ['unitId', 'year'])
export class AgreementAssessmentEntity extends AssessmentColumns {
  @Column({ type: 'varchar', length: 36 })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: AgreementEntity;

  /** The agreement's unit (so a unit's report finds its assessments without reading the agreements). */
  @Column({ type: 'varchar', length: 36 })
  unitId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'unitId' })
  unit?: OrganisationEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 36 })
  streetId: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'streetId' })
  street?: RegionEntity;
}
