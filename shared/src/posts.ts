import { z } from 'zod';
import { POST_HOLDING_OFFERED_ACTIONS, POST_HOLDING_STATUSES, POST_LIMITS as L, SERVICE_POST_OFFERED_ACTIONS, SERVICE_POST_TYPES, SHIFT_OFFERED_ACTIONS, SHIFT_STATUSES } from './constants/posts';
import { pageOf, PageQuerySchema } from './errors';
import { WishPhotoSchema } from './wishes';

const NamedSchema = z.object({ id: z.string(), name: z.string() });
const DateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-05-01');

/** A community's standing service post (党员服务岗位). */
export const ServicePostSchema = z.object({
  id: z.string(),
  community: NamedSchema,
  street: NamedSchema,
  type: z.enum(SERVICE_POST_TYPES),
  name: z.string(),
  description: z.string(),
  places: z.number(),
  taken: z.number(),
  /** The resource-list category its shifts count under. */
  category: z.string(),
  /** The caller's active holding of this post. */
  myHoldingId: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.enum(SERVICE_POST_OFFERED_ACTIONS)),
});
export type ServicePost = z.infer<typeof ServicePostSchema>;
export const ServicePostPageSchema = pageOf(ServicePostSchema);
export type ServicePostPage = z.infer<typeof ServicePostPageSchema>;

export const PostHolderSchema = z.object({
  holdingId: z.string(),
  /** Full name for the community's staff, 王** for everyone else. */
  name: z.string(),
  branch: z.string().nullable(),
  unit: z.string().nullable(),
  /** The unit that took the post for the member (null: the member took it). */
  assignedBy: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type PostHolder = z.infer<typeof PostHolderSchema>;

export const ServicePostDetailSchema = ServicePostSchema.extend({ holders: z.array(PostHolderSchema) });
export type ServicePostDetail = z.infer<typeof ServicePostDetailSchema>;

export const PostHoldingSchema = z.object({
  id: z.string(),
  status: z.enum(POST_HOLDING_STATUSES),
  statusLabel: z.string(),
  post: z.object({ id: z.string(), name: z.string(), type: z.enum(SERVICE_POST_TYPES), description: z.string() }),
  community: NamedSchema,
  member: NamedSchema,
  assignedBy: NamedSchema.nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  endedAt: z.string().nullable(),
  endNote: z.string().nullable(),
  shifts: z.object({ pending: z.number(), confirmed: z.number(), confirmedMinutes: z.number() }),
  actions: z.array(z.enum(POST_HOLDING_OFFERED_ACTIONS)),
});
export type PostHolding = z.infer<typeof PostHoldingSchema>;

export const MyPostsSchema = z.object({
  active: PostHoldingSchema.nullable(),
  past: z.array(PostHoldingSchema),
});
export type MyPosts = z.infer<typeof MyPostsSchema>;

export const ShiftSchema = z.object({
  id: z.string(),
  status: z.enum(SHIFT_STATUSES),
  statusLabel: z.string(),
  holdingId: z.string(),
  post: z.object({ id: z.string(), name: z.string(), type: z.enum(SERVICE_POST_TYPES) }),
  community: NamedSchema,
  /** Full name for the community's staff and the member themself. */
  member: NamedSchema,
  date: z.string(),
  minutes: z.number(),
  content: z.string(),
  photos: z.array(WishPhotoSchema),
  rejectReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.enum(SHIFT_OFFERED_ACTIONS)),
});
export type Shift = z.infer<typeof ShiftSchema>;
export const ShiftPageSchema = pageOf(ShiftSchema);
export type ShiftPage = z.infer<typeof ShiftPageSchema>;

const places = z.number().int('名额应为整数').min(L.placesMin, `名额至少 ${L.placesMin} 个`).max(L.placesMax, `名额最多 ${L.placesMax} 个`);
const name = z.string().trim().min(L.nameMin, `岗位名称至少 ${L.nameMin} 个字`).max(L.nameMax, `岗位名称最多 ${L.nameMax} 个字`);
const description = z.string().trim().min(L.descriptionMin, '请填写岗位职责').max(L.descriptionMax, `岗位职责最多 ${L.descriptionMax} 个字`);

export const CreatePostSchema = z.object({
  communityId: z.string().trim().min(1, '请选择社区'),
  type: z.enum(SERVICE_POST_TYPES, { message: '请选择岗位类型' }),
  /** Defaults to the type (政策宣传岗). */
  name: name.optional(),
  description,
  places,
});
export type CreatePost = z.infer<typeof CreatePostSchema>;

export const UpdatePostSchema = z
  .object({ name: name.optional(), description: description.optional(), places: places.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined || v.places !== undefined, { message: '请填写要修改的内容' });
export type UpdatePost = z.infer<typeof UpdatePostSchema>;

/** A member takes the post; an org admin names the member of their unit they take it for. */
export const TakePostSchema = z.object({ memberId: z.string().trim().min(1).optional() });
export type TakePost = z.infer<typeof TakePostSchema>;

const reason = z.string().trim().min(L.reasonMin, `请填写原因（至少 ${L.reasonMin} 个字）`).max(L.reasonMax, `原因最多 ${L.reasonMax} 个字`);

export const ReleaseHoldingSchema = z.object({ reason: reason.optional() });
export type ReleaseHolding = z.infer<typeof ReleaseHoldingSchema>;

export const LogShiftSchema = z.object({
  date: DateSchema,
  minutes: z
    .number({ message: '请填写服务时长（分钟）' })
    .int('服务时长应为整数分钟')
    .min(L.shiftMinutesMin, `服务时长为 ${L.shiftMinutesMin}–${L.shiftMinutesMax} 分钟`)
    .max(L.shiftMinutesMax, `服务时长为 ${L.shiftMinutesMin}–${L.shiftMinutesMax} 分钟`),
  content: z.string().trim().min(L.shiftContentMin, '请填写做了什么').max(L.shiftContentMax, `内容最多 ${L.shiftContentMax} 个字`),
  photoIds: z.array(z.string()).max(L.shiftPhotosMax, `最多上传 ${L.shiftPhotosMax} 张照片`).default([]),
});
export type LogShift = z.infer<typeof LogShiftSchema>;

export const RejectShiftSchema = z.object({ reason });
export type RejectShift = z.infer<typeof RejectShiftSchema>;

export const PostListQuerySchema = PageQuerySchema.extend({ communityId: z.string().optional(), streetId: z.string().optional() });
export type PostListQuery = z.infer<typeof PostListQuerySchema>;

export const ShiftListQuerySchema = PageQuerySchema.extend({
  status: z.enum(SHIFT_STATUSES).default('pending'),
  communityId: z.string().optional(),
});
export type ShiftListQuery = z.infer<typeof ShiftListQuerySchema>;
