import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { LivelihoodProjectEntity } from './livelihood-project.entity';

/** A progress report ("5月10日调运415株金叶白蜡、侧柏并栽植"); photos are uploads attached to `project-update:<id>`. */
@Entity('project_updates')
@Index('IDX_project_updates_project', ['projectId', 'createdAt'])
export class ProjectUpdateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  projectId: string;

  @ManyToOne(() => LivelihoodProjectEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'projectId' })
  project?: LivelihoodProjectEntity;

  @Column({ type: 'int' })
  percent: number;

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
