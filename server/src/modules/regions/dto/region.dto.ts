import { CommunityPublicSchema, CreateRegionSchema, REGION_LEVELS, RegionSchema, UpdateCommunityProfileSchema, UpdateRegionSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CreateRegionDto extends createZodDto(CreateRegionSchema) {}
export class UpdateRegionDto extends createZodDto(UpdateRegionSchema) {}
export class RegionDto extends createZodDto(RegionSchema) {}
export class RegionListDto extends createZodDto(z.object({ items: z.array(RegionSchema) })) {}
export class CommunityPublicDto extends createZodDto(CommunityPublicSchema) {}
export class RegionListQueryDto extends createZodDto(
  z.object({
    parentId: z.string().uuid().optional(),
    level: z.enum(REGION_LEVELS).optional(),
  }),
) {}
export class UpdateCommunityProfileDto extends createZodDto(UpdateCommunityProfileSchema) {}
