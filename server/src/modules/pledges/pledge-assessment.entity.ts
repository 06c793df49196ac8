import { PLEDGE_ASSESSOR_KINDS, PLEDGE_GRADES, type PledgeAssessorKind, type PledgeGrade } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { PledgeEntity } from './pledge.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/** 评诺: the branch's and the residence community's assessment of a done pledge, each once (unique per kind). */
@Entity('pledge_assessments')
@Index('UQ_pledge_assessments_kind', ['pledgeId', 'kind'], { unique: true })
export class PledgeAssessmentEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  pledgeId: string;

  @RefersTo(() => PledgeEntity, 'pledgeId')
  pledge?: PledgeEntity;

  @Column({ type: 'simple-enum', enum: PLEDGE_ASSESSOR_KINDS })
  kind: PledgeAssessorKind;

  @Column({ type: 'simple-enum', enum: PLEDGE_GRADES })
  grade: PledgeGrade;

  @Column({ type: 'varchar', length: 300 })
  comment: string;

  @UuidColumn()
  assessorUserId: string;

  @RefersTo(() => UserEntity, 'assessorUserId')
  assessor?: UserEntity;

  /** The branch or community in whose name it was given. */
  @Column({ type: 'varchar', length: 60 })
  assessorName: string;

  @DateTimeColumn()
  createdAt: Date;
}
