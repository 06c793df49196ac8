import { z } from 'zod';
import { pageOf } from './errors';
import { WishPhotoSchema } from './wishes';

/** 民生实事: posted by a community or street, claimed by an organisation, progressed, completed, verified. */
export const PROJECT_STATUSES = ['open', 'claimed', 'completed', 'verified'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  open: '待认领',
  claimed: '推进中',
  completed: '待验收',
  verified: '已验收',
};

/** What a client may be offered on a project (Project.actions), declared by the server's project workflow. */
export const PROJECT_OFFERED_ACTIONS = ['claim', 'update', 'complete', 'verify'] as const;
export type ProjectOfferedAction = (typeof PROJECT_OFFERED_ACTIONS)[number];

export const CreateProjectSchema = z.object({
  /** A community, or a street for a street-wide project. */
  regionId: z.string().min(1, '请选择社区或街道'),
  title: z.string().trim().min(2, '请填写项目名称').max(40, '项目名称最多 40 个字'),
  description: z.string().trim().min(2, '请填写项目说明').max(1000, '项目说明最多 1000 个字'),
  location: z.string().trim().min(2, '请填写实施地点').max(100),
  /** Free text, e.g. "约 400 株苗木". */
  estimatedScale: z.string().trim().max(100).optional(),
});
export type CreateProject = z.infer<typeof CreateProjectSchema>;

export const ProjectUpdateInputSchema = z.object({
  percent: z.number().int().min(0, '进度为 0–100').max(100, '进度为 0–100'),
  note: z.string().trim().min(2, '请填写进展说明').max(500, '进展说明最多 500 个字'),
  photoIds: z.array(z.string()).max(9, '最多上传 9 张照片').default([]),
});
export type ProjectUpdateInput = z.infer<typeof ProjectUpdateInputSchema>;

export const ProjectUpdateSchema = z.object({
  id: z.string(),
  percent: z.number(),
  note: z.string(),
  photos: z.array(WishPhotoSchema),
  at: z.string(),
});

export const ProjectSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  location: z.string(),
  estimatedScale: z.string().nullable(),
  status: z.enum(PROJECT_STATUSES),
  region: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  street: z.object({ id: z.string(), name: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  percent: z.number(),
  updates: z.array(ProjectUpdateSchema),
  createdAt: z.string(),
  claimedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  /** What the caller may do now (drives the buttons). */
  actions: z.array(z.enum(PROJECT_OFFERED_ACTIONS)),
});
export type Project = z.infer<typeof ProjectSchema>;

export const ProjectListQuerySchema = z.object({
  streetId: z.string().optional(),
  communityId: z.string().optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50, '每页最多 50 条').default(20),
});
export const ProjectPageSchema = pageOf(ProjectSchema);
export type ProjectPage = z.infer<typeof ProjectPageSchema>;

export const ClaimProjectSchema = z.object({ organisationId: z.string().min(1, '请选择认领单位') });
