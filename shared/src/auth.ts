import { z } from 'zod';
import { ROLES, SCOPE_KINDS } from './constants/roles';

export const WechatSignInSchema = z.object({
  code: z.string().trim().min(1, '缺少登录凭证 code').max(128),
});
export type WechatSignInInput = z.infer<typeof WechatSignInSchema>;

export const BindPhoneSchema = z.object({
  code: z.string().trim().min(1, '缺少手机号授权 code').max(128),
});
export type BindPhoneInput = z.infer<typeof BindPhoneSchema>;

export const RoleAssignmentSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  scopeKind: z.enum(SCOPE_KINDS).nullable(),
  scopeId: z.string().nullable(),
  /** Name of the scope node, e.g. 康都社区 or 市地震局党支部. */
  scopeName: z.string().nullable(),
});
export type RoleAssignment = z.infer<typeof RoleAssignmentSchema>;

export const MeSchema = z.object({
  id: z.string(),
  nickname: z.string().nullable(),
  /** Always masked: 138****1234. */
  phoneMasked: z.string().nullable(),
  roles: z.array(RoleAssignmentSchema),
  member: z
    .object({
      id: z.string(),
      name: z.string(),
      branch: z.object({ id: z.string(), name: z.string() }),
      unit: z.object({ id: z.string(), name: z.string() }).nullable(),
      residenceCommunity: z.object({ id: z.string(), name: z.string() }).nullable(),
    })
    .nullable(),
});
export type Me = z.infer<typeof MeSchema>;

export const AuthResultSchema = z.object({
  /** The access token (bearer), short-lived. */
  token: z.string(),
  expiresIn: z.number(),
  /** Renews the access token (POST /api/auth/refresh); each use returns a new one. */
  refreshToken: z.string(),
  refreshExpiresIn: z.number(),
  user: MeSchema,
});
export type AuthResult = z.infer<typeof AuthResultSchema>;

export const RefreshSchema = z.object({ refreshToken: z.string().min(20, '登录凭证无效，请重新登录').max(200) });
export type Refresh = z.infer<typeof RefreshSchema>;

export const TokenPairSchema = AuthResultSchema.omit({ user: true });
export type TokenPair = z.infer<typeof TokenPairSchema>;
