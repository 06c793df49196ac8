import type { CommitmentCategory } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { AgreementEntity } from './agreement.entity';
import { UuidPrimaryColumn, UuidColumn, RefersTo } from '../../common/database/columns';

/** One line of the unit's resource list (资源清单): a category, what, how many of what unit (415 株, 4 次/年). */
@Entity('agreement_commitments')
@Index('IDX_agreement_commitments_agreement', ['agreementId', 'position'])
export class AgreementCommitmentEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  agreementId: string;

  @RefersTo(() => AgreementEntity, 'agreementId')
  agreement?: AgreementEntity;

  /** Order on the list, as the unit wrote it. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 8 })
  category: CommitmentCategory;

  @Column({ type: 'varchar', length: 100 })
  description: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'varchar', length: 10 })
  unit: string;
}
