import { z } from 'zod';
import { AGREEMENT_LIMITS as L, AGREEMENT_OFFERED_ACTIONS, AGREEMENT_STATUSES, DISPATCH_CANDIDATE_TIERS, NEED_KINDS } from './constants/agreements';
import { COMMITMENT_CATEGORIES } from './constants/service';
import { OVERDUE_REASONS } from './constants/wishes';
import { pageOf, pageQueryFields } from './errors';
import { PhoneSchema } from './members';

/** A calendar day as the term of an agreement is written (Beijing time): 2024-05-20. */
export const CalendarDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2024-05-20')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, '请填写有效的日期');

/** One line of the unit's resource list (资源清单): 绿化美化 · 补植苗木 · 415 株. */
export const CommitmentInputSchema = z.object({
  category: z.enum(COMMITMENT_CATEGORIES, { message: '请选择承诺类别' }),
  description: z.string().trim().min(L.descriptionMin, '请填写承诺内容').max(L.descriptionMax, `承诺内容最多 ${L.descriptionMax} 个字`),
  quantity: z.number({ message: '请填写数量' }).int('数量请填写整数').min(L.quantityMin, `数量至少为 ${L.quantityMin}`).max(L.quantityMax, '数量过大'),
  unit: z.string().trim().min(1, '请填写数量单位（如 次/年、株）').max(L.unitMax, `数量单位最多 ${L.unitMax} 个字`),
});
export type CommitmentInput = z.infer<typeof CommitmentInputSchema>;

/** What can change when an agreement is sent back and proposed again: the term, the contact and the commitments. */
const AgreementTermsObject = z.object({
  startDate: CalendarDateSchema,
  endDate: CalendarDateSchema,
  contactName: z.string().trim().min(L.contactNameMin, '请填写联系人姓名').max(L.contactNameMax, `联系人姓名最多 ${L.contactNameMax} 个字`),
  contactPhone: PhoneSchema,
  commitments: z.array(CommitmentInputSchema).min(L.commitmentsMin, '请至少填写 1 项资源承诺').max(L.commitmentsMax, `资源承诺最多 ${L.commitmentsMax} 项`),
  note: z.string().trim().max(L.noteMax, `补充说明最多 ${L.noteMax} 个字`).optional(),
});

type Terms = z.infer<typeof AgreementTermsObject>;

/** The term runs forward and for at most five years; one commitment per category, so delivery counts once. */
function checkTerms(v: Terms, ctx: z.RefinementCtx): void {
  if (v.endDate <= v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '协议结束日期应晚于开始日期' });
  const latest = `${Number(v.startDate.slice(0, 4)) + L.termMaxYears}${v.startDate.slice(4)}`;
  if (v.endDate > latest) ctx.addIssue({ code: 'custom', path: ['endDate'], message: `协议期限最长 ${L.termMaxYears} 年，续签请另签新协议` });
  const seen = new Set<string>();
  v.commitments.forEach((c, i) => {
    if (seen.has(c.category)) ctx.addIssue({ code: 'custom', path: ['commitments', i, 'category'], message: `“${c.category}”已填写过，同一类别请合并为一项` });
    seen.add(c.category);
  });
}

export const AgreementTermsSchema = AgreementTermsObject.superRefine(checkTerms);
export type AgreementTerms = z.infer<typeof AgreementTermsSchema>;

export const ProposeAgreementSchema = AgreementTermsObject.extend({
  /** The unit (or party committee) that signs; its org admin, or an admin above it, proposes. */
  organisationId: z.string().min(1, '请选择签约单位'),
  /** The street or community it pairs with. */
  regionId: z.string().min(1, '请选择共建的街道或社区'),
}).superRefine(checkTerms);
export type ProposeAgreement = z.infer<typeof ProposeAgreementSchema>;

export const AgreementReasonSchema = z.object({
  reason: z.string().trim().min(L.reasonMin, `请填写原因（至少 ${L.reasonMin} 个字）`).max(L.reasonMax, `原因最多 ${L.reasonMax} 个字`),
});
export type AgreementReason = z.infer<typeof AgreementReasonSchema>;

const Named = z.object({ id: z.string(), name: z.string() });
const NamedRegion = Named.extend({ level: z.string() });

/** Delivered against a commitment: the ledger's entries of the partner in the place and term, by category. */
export const DeliverySchema = z.object({
  /** Services counted (credits less corrections). */
  services: z.number(),
  minutes: z.number(),
  valueYuan: z.number(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const CommitmentSchema = z.object({
  id: z.string(),
  category: z.enum(COMMITMENT_CATEGORIES),
  description: z.string(),
  quantity: z.number(),
  unit: z.string(),
  delivered: DeliverySchema,
});
export type Commitment = z.infer<typeof CommitmentSchema>;

/** A signature: in which role, for which unit or region, when. */
export const SignatureSchema = z.object({ role: z.string(), roleLabel: z.string(), name: z.string(), at: z.string() });
export type Signature = z.infer<typeof SignatureSchema>;

export const AgreementSummarySchema = z.object({
  id: z.string(),
  status: z.enum(AGREEMENT_STATUSES),
  organisation: NamedRegion,
  region: NamedRegion,
  street: Named,
  startDate: z.string(),
  endDate: z.string(),
  categories: z.array(z.enum(COMMITMENT_CATEGORIES)),
  /** Days until the term ends (in force only; 0 on its last day). */
  daysLeft: z.number().nullable(),
  proposedAt: z.string(),
  countersignedAt: z.string().nullable(),
});
export type AgreementSummary = z.infer<typeof AgreementSummarySchema>;
export const AgreementPageSchema = pageOf(AgreementSummarySchema);
export type AgreementPage = z.infer<typeof AgreementPageSchema>;

export const AgreementListQuerySchema = z.object({
  status: z.enum(AGREEMENT_STATUSES).optional(),
  ...pageQueryFields,
});
export type AgreementListQuery = z.infer<typeof AgreementListQuerySchema>;

export const AgreementSchema = AgreementSummarySchema.extend({
  unit: Named,
  community: Named.nullable(),
  /** The unit's contact person; the phone is masked for those outside the two signing sides. */
  contact: z.object({ name: z.string(), phone: z.string() }),
  note: z.string().nullable(),
  commitments: z.array(CommitmentSchema),
  signatures: z.object({ proposer: SignatureSchema, countersigner: SignatureSchema.nullable() }),
  returnReason: z.string().nullable(),
  endReason: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** In force and inside its term right now: the unit has registered (组织报到) there. */
  registered: z.boolean(),
  /** What the caller may do now (drives the buttons). */
  actions: z.array(z.enum(AGREEMENT_OFFERED_ACTIONS)),
});
export type Agreement = z.infer<typeof AgreementSchema>;

/** A partner of a street or community (1+N): an agreement in force and its resource list with delivery. */
export const PartnerSchema = z.object({
  agreementId: z.string(),
  organisation: NamedRegion,
  /** Where the agreement was signed: the street itself, or one of its communities. */
  region: NamedRegion,
  startDate: z.string(),
  endDate: z.string(),
  commitments: z.array(CommitmentSchema),
});
export type Partner = z.infer<typeof PartnerSchema>;

/** A partner whose resource list matches a need, with the commitment that matches. */
export const NeedMatchSchema = z.object({
  agreementId: z.string(),
  organisation: Named,
  commitment: z.object({ id: z.string(), category: z.enum(COMMITMENT_CATEGORIES), description: z.string(), quantity: z.number(), unit: z.string() }),
});
export type NeedMatch = z.infer<typeof NeedMatchSchema>;

/** One open need (需求清单): an unclaimed or overdue wish, or an open livelihood project. */
export const NeedSchema = z.object({
  kind: z.enum(NEED_KINDS),
  id: z.string(),
  title: z.string(),
  /** The wish's category (生活用品 …) or the project's commitment category; null for a project without one. */
  category: z.string().nullable(),
  /** The commitment categories it draws on, best first. */
  commitmentCategories: z.array(z.enum(COMMITMENT_CATEGORIES)),
  community: Named.nullable(),
  status: z.string(),
  overdue: z.enum(OVERDUE_REASONS).nullable(),
  since: z.string().nullable(),
  matches: z.array(NeedMatchSchema),
});
export type Need = z.infer<typeof NeedSchema>;

export const OnePlusNSchema = z.object({
  region: NamedRegion,
  street: Named,
  at: z.string(),
  partners: z.array(PartnerSchema),
  needs: z.array(NeedSchema),
  totals: z.object({ partners: z.number(), commitments: z.number(), needs: z.number(), matchedNeeds: z.number() }),
});
export type OnePlusN = z.infer<typeof OnePlusNSchema>;

export const DispatchCandidateSchema = z.object({
  organisation: NamedRegion,
  tier: z.enum(DISPATCH_CANDIDATE_TIERS),
  agreementId: z.string().nullable(),
  /** The commitment of its resource list that matches the wish (tier `matching`). */
  commitment: z.object({ category: z.enum(COMMITMENT_CATEGORIES), description: z.string(), quantity: z.number(), unit: z.string() }).nullable(),
});
export type DispatchCandidate = z.infer<typeof DispatchCandidateSchema>;

export const DispatchCandidatesSchema = z.object({
  wish: z.object({ id: z.string(), title: z.string(), category: z.string(), community: Named }),
  items: z.array(DispatchCandidateSchema),
});
export type DispatchCandidates = z.infer<typeof DispatchCandidatesSchema>;
