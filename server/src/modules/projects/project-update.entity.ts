import { Column, Entity, Index } from 'typeorm';
import { AuthoredNoteColumns } from '../users/authored-note.entity';
import { LivelihoodProjectEntity } from './livelihood-project.entity';
import { UuidColumn, RefersTo } from '../../common/database/columns';

/** A progress report ("5月10日调运415株金叶白蜡、侧柏并栽植"); photos are uploads attached to `project-update:<id>`. */
@Entity('project_updates')
@Index('IDX_project_updates_project', ['projectId', 'createdAt'])
export class ProjectUpdateEntity extends AuthoredNoteColumns {
  @UuidColumn()
  projectId: string;

  @RefersTo(() => LivelihoodProjectEntity, 'projectId')
  project?: LivelihoodProjectEntity;

  @Column({ type: 'int' })
  percent: number;
}
