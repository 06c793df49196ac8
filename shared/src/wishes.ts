import { z } from 'zod';
import { pageOf, pageQueryFields } from './errors';
import { PhoneSchema } from './members';
import {
  CLAIM_STATUSES,
  CLAIMANT_KINDS,
  DISPATCH_STATUSES,
  HARDSHIP_CATEGORIES,
  OVERDUE_REASONS,
  PUBLIC_WISH_STATUSES,
  WISH_CATEGORIES,
  WISH_CONTACT_PHONE_PATTERN,
  WISH_LIMITS as L,
  WISH_OFFERED_ACTIONS,
  WISH_STATUSES,
} from './constants/wishes';

const chineseLength = (max: number, label: string) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

/** The fields a resident writes (shared by posting and by resubmitting after a rejection). */
const WishFieldsSchema = z.object({
  title: chineseLength(L.titleMax, '心愿标题'),
  description: chineseLength(L.descriptionMax, '心愿描述'),
  category: z.enum(WISH_CATEGORIES, { message: '请选择心愿类别' }),
  estimatedValueYuan: z
    .number({ message: '请填写估价（元）' })
    .int('估价请填写整数元')
    .min(L.valueMinYuan, `估价至少 ${L.valueMinYuan} 元`)
    .max(L.valueMaxYuan, `微心愿估价不超过 ${L.valueMaxYuan} 元`),
  photoIds: z.array(z.string()).max(L.photosMax, `最多上传 ${L.photosMax} 张照片`).default([]),
});

export const CreateWishSchema = WishFieldsSchema.extend({
  communityId: z.string().min(1, '请选择社区'),
  beneficiaryName: z.string().trim().min(L.beneficiaryNameMin, `受助人姓名至少 ${L.beneficiaryNameMin} 个字`).max(L.beneficiaryNameMax, `受助人姓名最多 ${L.beneficiaryNameMax} 个字`),
  /**
   * Defaults to the poster's bound phone; required when staff enter a wish for someone else, and then a landline
   * with its area code (0931-8123456) or a family member's mobile (with contactRelation) is accepted too.
   */
  contactPhone: z.string().trim().max(20, '联系电话最多 20 位').optional(),
  /** Whose number contactPhone is when it is not the beneficiary's own: 女儿, 儿子, 邻居 … (代录 only). */
  contactRelation: z.string().trim().max(L.relationMax, `与受助人关系最多 ${L.relationMax} 个字`).optional(),
  /** Where to deliver, encrypted; shown to the claimant and the community's staff only (代录 only). */
  deliveryAddress: z.string().trim().max(L.addressMax, `送达地址最多 ${L.addressMax} 个字`).optional(),
  hardshipCategory: z.enum(HARDSHIP_CATEGORIES, { message: '请选择困难类别' }),
  /** Separate consent for the sensitive parts (hardship, health); the version shown is recorded. */
  sensitiveConsent: z.object({
    agreed: z.literal(true, { message: '请阅读并同意敏感个人信息处理规则' }),
    version: z.string().min(1),
  }),
  /** Community staff entering a wish for a resident without a phone (contactPhone then required). */
  onBehalf: z.boolean().default(false),
  beneficiaryUnder14: z.boolean().default(false),
  guardianName: z.string().trim().min(L.guardianNameMin, `监护人姓名至少 ${L.guardianNameMin} 个字`).max(L.guardianNameMax).optional(),
  guardianConsent: z.boolean().optional(),
}).superRefine((v, ctx) => {
  if (v.onBehalf && !v.contactPhone) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '代录心愿请填写受助人或其家属的联系电话' });
  if (v.contactPhone) {
    if (!v.onBehalf && !PhoneSchema.safeParse(v.contactPhone).success) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '手机号应为 11 位中国大陆手机号' });
    if (v.onBehalf && !WISH_CONTACT_PHONE_PATTERN.test(v.contactPhone))
      ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '联系电话请填写 11 位手机号，或带区号的固定电话（如 0931-8123456）' });
  }
  if (!v.onBehalf && v.contactRelation) ctx.addIssue({ code: 'custom', path: ['contactRelation'], message: '只有社区代录时可以填写家属电话' });
  if (!v.onBehalf && v.deliveryAddress) ctx.addIssue({ code: 'custom', path: ['deliveryAddress'], message: '只有社区代录时可以填写送达地址' });
  if (v.contactRelation !== undefined && v.contactRelation.length === 0) ctx.addIssue({ code: 'custom', path: ['contactRelation'], message: '请填写家属与受助人的关系（如：女儿）' });
  if (v.deliveryAddress !== undefined && Array.from(v.deliveryAddress).length < L.addressMin)
    ctx.addIssue({ code: 'custom', path: ['deliveryAddress'], message: `送达地址至少 ${L.addressMin} 个字（如：幸福小区 3 号楼 2 单元 401）` });
  if (v.beneficiaryUnder14) {
    if (!v.guardianName) ctx.addIssue({ code: 'custom', path: ['guardianName'], message: '受助人未满 14 周岁，请填写监护人姓名' });
    if (v.guardianConsent !== true) ctx.addIssue({ code: 'custom', path: ['guardianConsent'], message: '受助人未满 14 周岁，需监护人同意' });
  }
});
export type CreateWish = z.infer<typeof CreateWishSchema>;

/** Resubmitting a rejected wish: the resident edits what a post writes about the wish (the whole set, photos replaced). */
export const ResubmitWishSchema = WishFieldsSchema;
export type ResubmitWish = z.infer<typeof ResubmitWishSchema>;

export const WishListQuerySchema = z.object({
  communityId: z.string().optional(),
  /** The community's public code (from its QR code), so a page can ask for the wall beside the community itself. */
  communityCode: z.string().trim().max(32).optional(),
  streetId: z.string().optional(),
  status: z.enum(PUBLIC_WISH_STATUSES).optional(),
  category: z.enum(WISH_CATEGORIES).optional(),
  ...pageQueryFields,
});
export type WishListQuery = z.infer<typeof WishListQuerySchema>;

export const ClaimantSchema = z.object({
  kind: z.enum(CLAIMANT_KINDS),
  name: z.string(),
});

export const WishPhotoSchema = z.object({ id: z.string(), url: z.string(), thumbnailUrl: z.string() });
export type WishPhoto = z.infer<typeof WishPhotoSchema>;

/** What anyone may see. The beneficiary is masked; never phone, address, hardship or the poster. */
export const PublicWishSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  estimatedValueYuan: z.number(),
  status: z.enum(WISH_STATUSES),
  beneficiaryMasked: z.string(),
  community: z.object({ id: z.string(), name: z.string() }),
  street: z.object({ id: z.string(), name: z.string() }),
  claimant: ClaimantSchema.nullable(),
  photos: z.array(WishPhotoSchema),
  publishedAt: z.string().nullable(),
  claimedAt: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type PublicWish = z.infer<typeof PublicWishSchema>;

/** A row in "my wishes", "my claims" and the staff queues. */
export const WishSummarySchema = PublicWishSchema.extend({
  claimDeadline: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** In "my claims": how my claim on it stands (open, fulfilled, completed, released, revoked, expired). */
  myClaimStatus: z.enum(CLAIM_STATUSES).nullable(),
  /** Set on overdue boards: why it is overdue. */
  overdue: z.enum(OVERDUE_REASONS).nullable(),
});
export type WishSummary = z.infer<typeof WishSummarySchema>;

export const WishSummaryPageSchema = pageOf(WishSummarySchema);

/** A row on the overdue board: the wish, where its latest dispatch stands, and what the caller may do (派单). */
export const OverdueWishSchema = WishSummarySchema.extend({
  dispatch: z.object({ id: z.string(), status: z.enum(DISPATCH_STATUSES), organisation: z.object({ id: z.string(), name: z.string() }), answerBy: z.string() }).nullable(),
  actions: z.array(z.enum(WISH_OFFERED_ACTIONS)),
});
export type OverdueWish = z.infer<typeof OverdueWishSchema>;
export const OverdueBoardPageSchema = pageOf(OverdueWishSchema);
export type OverdueBoardPage = z.infer<typeof OverdueBoardPageSchema>;
export type WishSummaryPage = z.infer<typeof WishSummaryPageSchema>;

/** 我的心愿 on 我的: how many of my wishes are in each state (states with none left out), in progress order. */
export const MyWishCountsSchema = z.object({
  total: z.number().int(),
  byStatus: z.array(z.object({ status: z.enum(WISH_STATUSES), count: z.number().int() })),
});
export type MyWishCounts = z.infer<typeof MyWishCountsSchema>;

export const WishPageSchema = pageOf(PublicWishSchema);
export type WishPage = z.infer<typeof WishPageSchema>;

/** The wish as its poster, its claimant or the community's staff see it. */
export const WishDetailSchema = PublicWishSchema.extend({
  /**
   * Present only for the claimant, the poster and staff of the community (each read is audited). `relation`: whose
   * number it is when a family member's (女儿 …); `address`: where to deliver (代录).
   */
  beneficiary: z.object({ name: z.string(), phone: z.string().nullable(), relation: z.string().nullable(), address: z.string().nullable() }).nullable(),
  /** The delivery address masked (城关区****) for those who see the wish but not the contact; null when none. */
  deliveryAddressMasked: z.string().nullable(),
  /**
   * Who claimed it: for the community's staff the claimant's name, unit and phone (audited); for the resident the
   * masked name and the unit, no phone (PIPL, least privilege); null for everyone else and when unclaimed.
   */
  claimantContact: z.object({ name: z.string(), unit: z.string().nullable(), phone: z.string().nullable(), masked: z.boolean() }).nullable(),
  hardshipCategory: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** Why text moderation held it (its resident and staff only). */
  holdReason: z.string().nullable(),
  claimDeadline: z.string().nullable(),
  /** The photos are public with the wish; the note only for the resident, the claimant and the community's staff (else null). */
  fulfilment: z.object({ note: z.string().nullable(), photos: z.array(WishPhotoSchema), at: z.string() }).nullable(),
  confirmation: z.object({ rating: z.number().nullable(), thanks: z.string().nullable() }).nullable(),
  enteredByStaff: z.boolean(),
  /** What the caller may do now (drives the buttons). */
  actions: z.array(z.enum(WISH_OFFERED_ACTIONS)),
});
export type WishDetail = z.infer<typeof WishDetailSchema>;

export const ReviewWishSchema = z
  .object({ decision: z.enum(['approve', 'reject'], { message: '请选择通过或驳回' }), reason: z.string().trim().max(200, '原因最多 200 个字').optional() })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && (v.reason ?? '').length < 2) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请填写驳回原因（至少 2 个字）' });
  });
export type ReviewWish = z.infer<typeof ReviewWishSchema>;

export const ClaimWishSchema = z.object({ onBehalfOf: z.string().optional() });
export type ClaimWish = z.infer<typeof ClaimWishSchema>;

export const ReasonSchema = z.object({ reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(200, '原因最多 200 个字') });
export type Reason = z.infer<typeof ReasonSchema>;

export const FulfilWishSchema = z.object({
  photoIds: z.array(z.string()).min(1, '请至少上传 1 张圆梦照片').max(9, '最多上传 9 张照片'),
  note: z.string().trim().min(2, '请写一句圆梦说明').max(300, '说明最多 300 个字'),
});
export type FulfilWish = z.infer<typeof FulfilWishSchema>;

export const ConfirmWishSchema = z.object({
  rating: z.number().int().min(1).max(5).optional(),
  thanks: z.string().trim().max(200, '感谢语最多 200 个字').optional(),
  /** Required when staff confirm on the resident's behalf. */
  note: z.string().trim().max(200).optional(),
});
export type ConfirmWish = z.infer<typeof ConfirmWishSchema>;

/** Break-glass: an official above the community states why they need one beneficiary's contact. */
export const ContactRequestSchema = z.object({
  reason: z.string().trim().min(4, '请写明查看联系方式的原因（至少 4 个字）').max(200, '原因最多 200 个字'),
});
export type ContactRequest = z.infer<typeof ContactRequestSchema>;

export const WishContactSchema = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  relation: z.string().nullable(),
  address: z.string().nullable(),
  hardshipCategory: z.string().nullable(),
  /** Always true: the read and its reason are in the audit log. */
  recorded: z.literal(true),
  notice: z.string(),
});
export type WishContact = z.infer<typeof WishContactSchema>;

export const TimelineEntrySchema = z.object({
  id: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actor: z.object({ name: z.string(), role: z.string(), roleLabel: z.string() }),
  note: z.string().nullable(),
  at: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const DispatchWishSchema = z.object({
  organisationId: z.string().min(1, '请选择承接单位'),
  deadline: z.string().datetime({ message: '截止时间格式不正确' }),
  note: z.string().trim().max(200).optional(),
});
export type DispatchWish = z.infer<typeof DispatchWishSchema>;

export const DispatchAnswerSchema = z
  .object({ decision: z.enum(['accept', 'decline'], { message: '请选择承接或拒绝' }), reason: z.string().trim().max(200, '原因最多 200 个字').optional() })
  .superRefine((v, ctx) => {
    if (v.decision === 'decline' && (v.reason ?? '').length < 2) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请填写不能承接的原因' });
  });
export type DispatchAnswer = z.infer<typeof DispatchAnswerSchema>;

export const TimelineSchema = z.object({ items: z.array(TimelineEntrySchema) });

export const DispatchSchema = z.object({
  id: z.string(),
  wish: WishSummarySchema,
  organisation: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(DISPATCH_STATUSES),
  /** The unit answers by then (DISPATCH_ANSWER_DAYS after the dispatch). */
  answerBy: z.string(),
  /** If accepted: the claim's deadline to fulfil the wish. */
  deadline: z.string(),
  note: z.string().nullable(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Dispatch = z.infer<typeof DispatchSchema>;
export const DispatchListSchema = z.object({ items: z.array(DispatchSchema) });
