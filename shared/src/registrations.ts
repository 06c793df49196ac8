import { z } from 'zod';
import { REGISTRATION_CARD_STATES, REGISTRATION_END_REASONS, REGISTRATION_LIMITS as L, REGISTRATION_OFFERED_ACTIONS, REGISTRATION_STATUSES } from './constants/registrations';
import { pageOf, PageQuerySchema } from './errors';

const NamedSchema = z.object({ id: z.string(), name: z.string() });

/** A member's registration with a community (党员报到), as the registrant or the community's staff see it. */
export const RegistrationSchema = z.object({
  id: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  statusLabel: z.string(),
  community: NamedSchema,
  street: NamedSchema,
  member: z.object({
    id: z.string(),
    name: z.string(),
    branch: NamedSchema.nullable(),
    unit: NamedSchema.nullable(),
  }),
  /** The member's active registration elsewhere that confirming this one will end (a change of community). */
  replaces: z.object({ id: z.string(), community: NamedSchema }).nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Who decided: the community as the timeline names its staff. */
  decidedBy: z.string().nullable(),
  rejectReason: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.enum(REGISTRATION_END_REASONS).nullable(),
  endReasonLabel: z.string().nullable(),
  /** What the caller may do now (drives the buttons). */
  actions: z.array(z.enum(REGISTRATION_OFFERED_ACTIONS)),
});
export type Registration = z.infer<typeof RegistrationSchema>;

export const RegistrationPageSchema = pageOf(RegistrationSchema);
export type RegistrationPage = z.infer<typeof RegistrationPageSchema>;

/** The member card's registration block: 未报到 / 待社区确认 / 已报到 康都社区. */
export const MyRegistrationSchema = z.object({
  state: z.enum(REGISTRATION_CARD_STATES),
  active: RegistrationSchema.nullable(),
  pending: RegistrationSchema.nullable(),
  /** The latest decision when it was a rejection not followed by a new request (to show the reason). */
  lastRejected: RegistrationSchema.nullable(),
  /** The community the roster says the member lives in: the one offered first. */
  suggestedCommunity: NamedSchema.nullable(),
});
export type MyRegistration = z.infer<typeof MyRegistrationSchema>;

export const RequestRegistrationSchema = z.object({ communityId: z.string().trim().min(1, '请选择要报到的社区') });
export type RequestRegistration = z.infer<typeof RequestRegistrationSchema>;

const reason = z.string().trim().min(L.reasonMin, `请填写原因（至少 ${L.reasonMin} 个字）`).max(L.reasonMax, `原因最多 ${L.reasonMax} 个字`);

export const RejectRegistrationSchema = z.object({ reason });
export type RejectRegistration = z.infer<typeof RejectRegistrationSchema>;

export const WithdrawRegistrationSchema = z.object({ reason: reason.optional() });
export type WithdrawRegistration = z.infer<typeof WithdrawRegistrationSchema>;

/** Staff lists: the requests waiting in my communities, or the members registered there. */
export const RegistrationListQuerySchema = PageQuerySchema.extend({
  status: z.enum(['pending', 'confirmed']).default('pending'),
  communityId: z.string().optional(),
});
export type RegistrationListQuery = z.infer<typeof RegistrationListQuerySchema>;
