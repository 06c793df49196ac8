import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { LivelihoodProjectEntity } from './livelihood-project.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/** A progress report ("5月10日调运415株金叶白蜡、侧柏并栽植"); photos are uploads attached to `project-update:<id>`. */
@Entity('project_updates')
@Index('IDX_project_updates_project', ['projectId', 'createdAt'])
export class ProjectUpdateEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  projectId: string;

  @RefersTo(() => LivelihoodProjectEntity, 'projectId')
  project?: LivelihoodProjectEntity;

  @Column({ type: 'int' })
  percent: number;

  @Column({ type: 'varchar', length: 500 })
  note: string;

  @UuidColumn()
  authorUserId: string;

  @RefersTo(() => UserEntity, 'authorUserId')
  author?: UserEntity;

  @DateTimeColumn()
  createdAt: Date;
}
