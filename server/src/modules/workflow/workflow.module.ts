import { Module } from '@nestjs/common';
import { WorkflowService } from './workflow.service';

/** The timeline every workflow writes, and the transition helper that applies a workflow's declaration. */
@Module({ providers: [WorkflowService], exports: [WorkflowService] })
export class WorkflowModule {}
