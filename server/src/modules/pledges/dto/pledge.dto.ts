import {
  AssessPledgeSchema,
  BranchesWithoutProjectPageSchema,
  BranchesWithoutProjectQuerySchema,
  BranchPageSchema,
  CompletePledgeSchema,
  MyPledgesSchema,
  PledgeInputSchema,
  PledgeListQuerySchema,
  PledgePageSchema,
  PledgeProgressInputSchema,
  PledgeSchema,
  PublicPledgePageSchema,
  PublicPledgeQuerySchema,
  ReviewPledgeSchema,
  TimelineSchema,
  YearQuerySchema,
} from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';

export class PledgeInputDto extends createZodDto(PledgeInputSchema) {}
export class ReviewPledgeDto extends createZodDto(ReviewPledgeSchema) {}
export class PledgeProgressInputDto extends createZodDto(PledgeProgressInputSchema) {}
export class CompletePledgeDto extends createZodDto(CompletePledgeSchema) {}
export class AssessPledgeDto extends createZodDto(AssessPledgeSchema) {}
export class PledgeDto extends createZodDto(PledgeSchema) {}
export class PledgePageDto extends createZodDto(PledgePageSchema) {}
export class MyPledgesDto extends createZodDto(MyPledgesSchema) {}
export class PledgeListQueryDto extends createZodDto(PledgeListQuerySchema) {}
export class PublicPledgeQueryDto extends createZodDto(PublicPledgeQuerySchema) {}
export class PublicPledgePageDto extends createZodDto(PublicPledgePageSchema) {}
export class PledgeTimelineDto extends createZodDto(TimelineSchema) {}
export class YearQueryDto extends createZodDto(YearQuerySchema) {}
export class BranchPageDto extends createZodDto(BranchPageSchema) {}
export class BranchesWithoutProjectQueryDto extends createZodDto(BranchesWithoutProjectQuerySchema) {}
export class BranchesWithoutProjectPageDto extends createZodDto(BranchesWithoutProjectPageSchema) {}
