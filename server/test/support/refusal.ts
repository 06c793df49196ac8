import { AppException } from '../../src/common/errors/app.exception';

/** The refusal a service call ends in (an AppException), as the client would receive it; fails if the call succeeds. */
export async function refusal(work: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppException) return { status: error.getStatus(), ...(error.getResponse() as { code: string; message: string }) };
    throw error;
  }
  throw new Error('expected a refusal');
}
