import { z } from 'zod';
import { PHONE_PATTERN, ROSTER_MAX_ROWS } from './constants/members';

export const PhoneSchema = z.string().trim().regex(PHONE_PATTERN, '手机号应为 11 位中国大陆手机号');

export const RosterRowSchema = z.object({
  name: z.string().trim().min(2, '姓名至少 2 个字').max(20, '姓名最多 20 个字'),
  phone: PhoneSchema,
  /** Branch name inside the importing organisation's subtree (as written in the spreadsheet). */
  branch: z.string().trim().min(1, '请填写所在党支部'),
  /** Public code of the community the member lives in (optional). */
  communityCode: z.string().trim().optional(),
});
export type RosterRow = z.infer<typeof RosterRowSchema>;

export const RosterImportSchema = z.object({
  rows: z.array(z.unknown()).min(1, '名单为空').max(ROSTER_MAX_ROWS, `一次最多导入 ${ROSTER_MAX_ROWS} 行`),
});

export const RosterRowErrorSchema = z.object({
  /** 1-based row number as the user sees it (spreadsheet rows count the header as row 1). */
  row: z.number(),
  field: z.string(),
  message: z.string(),
});
export type RosterRowError = z.infer<typeof RosterRowErrorSchema>;

export const RosterImportResultSchema = z.object({
  imported: z.number(),
  updated: z.number(),
  linked: z.number(),
});
export type RosterImportResult = z.infer<typeof RosterImportResultSchema>;

export const MemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string(),
  branch: z.object({ id: z.string(), name: z.string() }),
  residenceCommunity: z.object({ id: z.string(), name: z.string() }).nullable(),
  signedUp: z.boolean(),
});
export type Member = z.infer<typeof MemberSchema>;
