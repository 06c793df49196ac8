import { z } from 'zod';

export const DeleteAccountSchema = z.object({ confirm: z.string().max(20) });
export type DeleteAccountInput = z.infer<typeof DeleteAccountSchema>;

export const DeleteAccountResultSchema = z.object({
  deleted: z.literal(true),
  wishesAnonymised: z.number().int(),
  sessionsEnded: z.number().int(),
});
export type DeleteAccountResult = z.infer<typeof DeleteAccountResultSchema>;
