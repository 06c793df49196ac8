import { z } from 'zod';
import { pageOf, pageQueryFields } from './errors';
import { WishPhotoSchema } from './wishes';
import { PROJECT_LIMITS as L, PROJECT_OFFERED_ACTIONS, PROJECT_STATUSES } from './constants/projects';
import { COMMITMENT_CATEGORIES } from './constants/service';

export const CreateProjectSchema = z.object({
  /** A community, or a street for a street-wide project. */
  regionId: z.string().min(1, '请选择社区或街道'),
  title: z.string().trim().min(L.titleMin, '请填写项目名称').max(L.titleMax, `项目名称最多 ${L.titleMax} 个字`),
  description: z.string().trim().min(L.descriptionMin, '请填写项目说明').max(L.descriptionMax, `项目说明最多 ${L.descriptionMax} 个字`),
  location: z.string().trim().min(L.locationMin, '请填写实施地点').max(L.locationMax),
  /** Free text, e.g. "约 400 株苗木". */
  estimatedScale: z.string().trim().max(L.estimatedScaleMax).optional(),
  /** What kind of resource it needs (资源清单 category), so the 1+N view can match it to partners' commitments. */
  category: z.enum(COMMITMENT_CATEGORIES, { message: '请选择项目类别' }).optional(),
});
export type CreateProject = z.infer<typeof CreateProjectSchema>;

export const ProjectUpdateInputSchema = z.object({
  percent: z.number().int().min(0, '进度为 0–100').max(100, '进度为 0–100'),
  note: z.string().trim().min(L.updateNoteMin, '请填写进展说明').max(L.updateNoteMax, `进展说明最多 ${L.updateNoteMax} 个字`),
  photoIds: z.array(z.string()).max(L.updatePhotosMax, `最多上传 ${L.updatePhotosMax} 张照片`).default([]),
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
  category: z.enum(COMMITMENT_CATEGORIES).nullable(),
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
  ...pageQueryFields,
});
export const ProjectPageSchema = pageOf(ProjectSchema);
export type ProjectPage = z.infer<typeof ProjectPageSchema>;

export const ClaimProjectSchema = z.object({ organisationId: z.string().min(1, '请选择认领单位') });
