import type { ProjectStatus } from '@nuancheng/shared';
import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * The caller's relations to a project: `unit_admin` — org admin or branch secretary of the unit (or branch) a
 * claim is made for (一支部一实事: branches claim too); `claimant` — the same of the claiming organisation or above;
 * `street` — street official of the project's street or committee admin above it.
 */
export type ProjectRelation = 'unit_admin' | 'claimant' | 'street';

export const PROJECT_WORKFLOW = defineWorkflow<ProjectStatus, ProjectRelation>()({
  noun: '项目',
  states: {
    open: '该项目尚未被认领',
    claimed: '该项目已被认领，正在推进',
    completed: '该项目已完成，等待街道验收',
    verified: '该项目已验收',
  },
  actions: {
    post: { from: [], to: 'open', who: ['street'], label: '发布', notYours: '', offered: false },
    claim: { from: ['open'], to: 'claimed', who: ['unit_admin'], label: '认领', notYours: '只有认领单位的党组织管理员或党支部书记可以认领' },
    update: { from: ['claimed'], who: ['claimant'], label: '更新进度', notYours: '只有认领单位的党组织管理员可以更新进度', stateFirst: true },
    complete: { from: ['claimed'], to: 'completed', who: ['claimant'], label: '完成', notYours: '只有认领单位的党组织管理员可以报告完成', stateFirst: true },
    verify: { from: ['completed'], to: 'verified', who: ['street'], label: '验收', notYours: '只有所在街道可以验收', outOfScope: '该项目不在您负责的街道' },
  },
  limits: {
    percent_backwards: { status: 400, code: ErrorCode.ValidationFailed, message: ({ percent }: { percent: number }) => `进度不能低于上次的 ${percent}%` },
  },
});
