import { SetMetadata } from '@nestjs/common';
import type { RateLimitName } from '../../config/rate-limits';

export const RATE_LIMIT = 'nuancheng:rate-limit';

/** Counts every call of the route against the named limit, per account (when signed in) and per client address. */
export const RateLimit = (name: RateLimitName) => SetMetadata(RATE_LIMIT, name);
