import { CreateOrganisationSchema, ORGANISATION_LEVELS, OrganisationSchema, UpdateOrganisationSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CreateOrganisationDto extends createZodDto(CreateOrganisationSchema) {}
export class UpdateOrganisationDto extends createZodDto(UpdateOrganisationSchema) {}
export class OrganisationDto extends createZodDto(OrganisationSchema) {}
export class OrganisationListDto extends createZodDto(z.object({ items: z.array(OrganisationSchema) })) {}
export class OrganisationListQueryDto extends createZodDto(z.object({ parentId: z.string().uuid().optional(), level: z.enum(ORGANISATION_LEVELS).optional() })) {}
