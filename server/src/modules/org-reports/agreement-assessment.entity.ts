import { ASSESSMENT_GRADES, type AssessmentGrade } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgreementEntity } from '../agreements/agreement.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A paired street's assessment of a unit's agreement for a year (优秀 / 良好 / 一般 / 较差 + comment), shown beside
 * the agreement in the unit's annual report. One per agreement, year and street; a revision replaces it.
 */
@Entity('agreement_assessments')
@Index('UQ_agreement_assessments_scope', ['agreementId', 'year', 'streetId'], { unique: true })
@Index('IDX_agreement_assessments_unit', ['unitId', 'year'])
export class AgreementAssessmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

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

  @Column({ type: 'simple-enum', enum: ASSESSMENT_GRADES })
  grade: AssessmentGrade;

  @Column({ type: 'varchar', length: 300 })
  comment: string;

  @Column({ type: 'varchar', length: 36 })
  assessorUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'assessorUserId' })
  assessor?: UserEntity;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
