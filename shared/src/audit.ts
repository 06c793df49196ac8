import { z } from 'zod';
import { AUDIT_RESULTS } from './constants/audit';
import { pageOf, PageQuerySchema } from './errors';

/** Committee admins' search of the audit log: by actor, target, action (exact, or a prefix ending in `.`) and time. */
export const AuditQuerySchema = PageQuerySchema.extend({
  actorId: z.string().uuid('请输入正确的操作人编号').optional(),
  subjectId: z.string().min(1).max(36, '对象编号最长 36 个字符').optional(),
  action: z
    .string()
    .max(64, '操作名称最长 64 个字符')
    .regex(/^[a-z0-9_.-]+$/, '操作名称只能包含小写字母、数字和 . _ -')
    .optional(),
  from: z.iso.datetime({ offset: true, message: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, message: '结束时间格式不正确' }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  seq: z.number().nullable(),
  at: z.string(),
  actorId: z.string().nullable(),
  role: z.string().nullable(),
  scopeName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS).nullable(),
  fields: z.array(z.string()),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = pageOf(AuditEntrySchema);
export type AuditPage = z.infer<typeof AuditPageSchema>;
