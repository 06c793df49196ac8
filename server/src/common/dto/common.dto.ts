import { PageQuerySchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** Body of commands that need no input (documented so clients send `{}`). */
export class EmptyBodyDto extends createZodDto(z.object({})) {}
export class PageQueryDto extends createZodDto(PageQuerySchema) {}
