import { PhoneSchema, ROLES, RoleAssignmentSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const GrantRoleSchema = z
  .object({
    /** The person is found by the phone they bound in the mini-program. */
    phone: PhoneSchema,
    role: z.enum(ROLES).exclude(['resident', 'member', 'system_admin']),
    regionId: z.string().uuid().optional(),
    organisationId: z.string().uuid().optional(),
  })
  .refine((v) => !!v.regionId !== !!v.organisationId, { message: '请指定 regionId 或 organisationId 之一', path: ['regionId'] });
export class GrantRoleDto extends createZodDto(GrantRoleSchema) {}

export const RoleHolderSchema = RoleAssignmentSchema.extend({
  userId: z.string(),
  phoneMasked: z.string().nullable(),
  memberName: z.string().nullable(),
});
export class RoleHolderDto extends createZodDto(RoleHolderSchema) {}
export class RoleHolderListDto extends createZodDto(z.object({ items: z.array(RoleHolderSchema) })) {}
export class RoleHolderQueryDto extends createZodDto(z.object({ regionId: z.string().uuid().optional(), organisationId: z.string().uuid().optional() })) {}
