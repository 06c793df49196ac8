import { z } from 'zod';

export const UploadSchema = z.object({
  id: z.string(),
  url: z.string(),
  thumbnailUrl: z.string(),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
  contentType: z.string(),
});
export type Upload = z.infer<typeof UploadSchema>;
