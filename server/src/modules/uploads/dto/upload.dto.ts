import { UploadSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';

export class UploadResultDto extends createZodDto(UploadSchema) {}
