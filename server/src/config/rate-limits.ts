/**
 * The named limits, per account and per client address: points per window (seconds). Per account they are
 * strict; per address they must let a whole unit work from one office address behind NAT (40 people signing in
 * within a minute pass). Overridden with RATE_LIMITS, e.g. `sign_in.ip=300/60,upload.user=100/3600`.
 */
export const RATE_LIMITS = {
  sign_in: { account: [10, 60], ip: [120, 60] },
  phone_bind: { account: [5, 3600], ip: [60, 3600] },
  role_grant: { account: [30, 3600], ip: [120, 3600] },
  wish_post: { account: [10, 3600], ip: [120, 3600] },
  upload: { account: [60, 3600], ip: [600, 3600] },
  checkin: { account: [30, 3600], ip: [3000, 60] },
  export: { account: [20, 3600], ip: [120, 3600] },
} as const satisfies Record<string, { account: readonly [number, number]; ip: readonly [number, number] }>;

export type RateLimitName = keyof typeof RATE_LIMITS;
export type RateLimitKey = 'account' | 'ip';

export interface LimitRule {
  points: number;
  durationS: number;
}

/** RATE_LIMITS' defaults with the overrides applied; throws on an unknown name or a malformed value. */
export function resolveLimits(overrides: string): Record<RateLimitName, Record<RateLimitKey, LimitRule>> {
  const rules = Object.fromEntries(
    Object.entries(RATE_LIMITS).map(([name, r]) => [name, { account: { points: r.account[0], durationS: r.account[1] }, ip: { points: r.ip[0], durationS: r.ip[1] } }]),
  ) as Record<RateLimitName, Record<RateLimitKey, LimitRule>>;
  for (const part of overrides
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z_]+)\.(account|ip)=(\d+)\/(\d+)$/.exec(part);
    if (!match || !(match[1] in rules)) throw new Error(`RATE_LIMITS: "${part}" should be <name>.<account|ip>=<points>/<seconds>, names: ${Object.keys(RATE_LIMITS).join(', ')}`);
    rules[match[1] as RateLimitName][match[2] as RateLimitKey] = { points: Number(match[3]), durationS: Number(match[4]) };
  }
  return rules;
}
