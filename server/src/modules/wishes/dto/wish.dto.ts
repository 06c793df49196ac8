import {
  ClaimWishSchema,
  ConfirmWishSchema,
  ContactRequestSchema,
  CreateWishSchema,
  DispatchAnswerSchema,
  DispatchListSchema,
  DispatchWishSchema,
  FulfilWishSchema,
  ReasonSchema,
  ResubmitWishSchema,
  ReviewWishSchema,
  TimelineSchema,
  WishContactSchema,
  WishDetailSchema,
  WishListQuerySchema,
  WishPageSchema,
  WishSummaryPageSchema,
  OverdueBoardPageSchema,
  MyWishCountsSchema,
} from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateWishDto extends createZodDto(CreateWishSchema) {}
export class WishListQueryDto extends createZodDto(WishListQuerySchema) {}
export class WishPageDto extends createZodDto(WishPageSchema) {}
export class WishSummaryPageDto extends createZodDto(WishSummaryPageSchema) {}
export class MyWishCountsDto extends createZodDto(MyWishCountsSchema) {}
export class OverdueBoardPageDto extends createZodDto(OverdueBoardPageSchema) {}
export class WishDetailDto extends createZodDto(WishDetailSchema) {}
export class TimelineDto extends createZodDto(TimelineSchema) {}
export class ReviewWishDto extends createZodDto(ReviewWishSchema) {}
export class ResubmitWishDto extends createZodDto(ResubmitWishSchema) {}
export class ClaimWishDto extends createZodDto(ClaimWishSchema) {}
export class ReasonDto extends createZodDto(ReasonSchema) {}
export class FulfilWishDto extends createZodDto(FulfilWishSchema) {}
export class ConfirmWishDto extends createZodDto(ConfirmWishSchema) {}
export class DispatchWishDto extends createZodDto(DispatchWishSchema) {}
export class DispatchAnswerDto extends createZodDto(DispatchAnswerSchema) {}
export class ContactRequestDto extends createZodDto(ContactRequestSchema) {}
export class WishContactDto extends createZodDto(WishContactSchema) {}
export class DispatchListDto extends createZodDto(DispatchListSchema) {}
export { EmptyBodyDto, PageQueryDto } from '../../../common/dto/common.dto';
