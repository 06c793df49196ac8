import { z } from 'zod';
import { CONSENT_DECISIONS, CONSENT_SCOPES } from './constants/privacy';

export const DeleteAccountSchema = z.object({ confirm: z.string().max(20) });
export type DeleteAccountInput = z.infer<typeof DeleteAccountSchema>;

export const DeleteAccountResultSchema = z.object({
  deleted: z.literal(true),
  wishesAnonymised: z.number().int(),
  sessionsEnded: z.number().int(),
});
export type DeleteAccountResult = z.infer<typeof DeleteAccountResultSchema>;

export const PrivacyNoticeSchema = z.object({
  version: z.string(),
  title: z.string(),
  effectiveDate: z.string(),
  /** sha256 of the notice's text: the exact wording a consent refers to. */
  textHash: z.string(),
  sections: z.array(z.object({ title: z.string(), body: z.string() })),
  scopes: z.array(z.object({ scope: z.enum(CONSENT_SCOPES), label: z.string(), purpose: z.string() })),
});
export type PrivacyNotice = z.infer<typeof PrivacyNoticeSchema>;

/** Agreeing to (or withdrawing) some scopes of the notice version the app showed. */
export const RecordConsentSchema = z.object({
  noticeVersion: z.string().trim().min(1).max(20),
  scopes: z.array(z.enum(CONSENT_SCOPES)).min(1).max(CONSENT_SCOPES.length),
  decision: z.enum(CONSENT_DECISIONS),
});
export type RecordConsent = z.infer<typeof RecordConsentSchema>;

export const ConsentRecordSchema = z.object({
  id: z.string(),
  scope: z.enum(CONSENT_SCOPES),
  noticeVersion: z.string(),
  decision: z.enum(CONSENT_DECISIONS),
  at: z.string(),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

export const MyConsentsSchema = z.object({
  noticeVersion: z.string(),
  /** Per scope: granted for the current version (an older version's consent does not count). */
  scopes: z.array(
    z.object({
      scope: z.enum(CONSENT_SCOPES),
      granted: z.boolean(),
      /** The version of the latest decision, null when never asked. */
      noticeVersion: z.string().nullable(),
      at: z.string().nullable(),
    }),
  ),
  /** True when a scope was granted to an older version and not to the current one: the app asks again. */
  reconsentNeeded: z.boolean(),
  history: z.array(ConsentRecordSchema),
});
export type MyConsents = z.infer<typeof MyConsentsSchema>;
