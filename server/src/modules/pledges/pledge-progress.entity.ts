import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { PledgeEntity } from './pledge.entity';

/** A progress note on an approved pledge; photos are uploads attached to `pledge-progress:<id>`. */
@Entity('pledge_progress')
@Index('IDX_pledge_progress_pledge', ['pledgeId', 'createdAt'])
export class PledgeProgressEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  pledgeId: string;

  @ManyToOne(() => PledgeEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'pledgeId' })
  pledge?: PledgeEntity;

  @Column({ type: 'varchar', length: 500 })
  note: string;

  @Column({ type: 'varchar', length: 36 })
  authorUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'authorUserId' })
  author?: UserEntity;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
