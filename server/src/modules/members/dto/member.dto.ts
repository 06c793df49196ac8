import { MemberSchema, RosterImportResultSchema, RosterImportSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RosterImportDto extends createZodDto(RosterImportSchema) {}
export class RosterImportResultDto extends createZodDto(RosterImportResultSchema) {}
export class MemberListDto extends createZodDto(z.object({ items: z.array(MemberSchema) })) {}
