import { createHmac, timingSafeEqual } from 'node:crypto';
import { CHECKIN_RULES } from '@nuancheng/shared';

/**
 * The rotating check-in code: `<activityId>.<window>.<signature>`, where window = ⌊now / 30 s⌋ and the signature
 * is HMAC-SHA256(CHECKIN_KEY, "checkin|<activityId>|<window>") in base64url. Only the server can make one; it names
 * its activity (so a code shown at another activity is recognised as such) and its window (so a screenshot passed
 * on stops working within a minute: the current and the previous window are accepted). Compared in constant time.
 */
export type TokenVerdict = { ok: true; window: number } | { ok: false; reason: 'invalid' | 'other_activity' | 'expired' };

const WINDOW_MS = CHECKIN_RULES.windowSeconds * 1000;
const SHAPE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export class CheckinTokens {
  constructor(private readonly key: Buffer) {}

  static windowOf(at: Date): number {
    return Math.floor(at.getTime() / WINDOW_MS);
  }

  /** When a window's token stops being the current one (it is still accepted one window longer). */
  static windowEnd(window: number): Date {
    return new Date((window + 1) * WINDOW_MS);
  }

  private signature(activityId: string, window: number): Buffer {
    return createHmac('sha256', this.key).update(`checkin|${activityId}|${window}`).digest();
  }

  issue(activityId: string, at: Date): { token: string; window: number } {
    const window = CheckinTokens.windowOf(at);
    return { token: `${activityId}.${window}.${this.signature(activityId, window).toString('base64url')}`, window };
  }

  verify(token: string, activityId: string, at: Date): TokenVerdict {
    const match = SHAPE.exec(token.trim());
    if (!match) return { ok: false, reason: 'invalid' };
    const [, tokenActivity, windowText, signatureText] = match;
    const window = Number(windowText);
    const given = Buffer.from(signatureText, 'base64url');
    const expected = this.signature(tokenActivity, window);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    if (tokenActivity !== activityId.toLowerCase()) return { ok: false, reason: 'other_activity' };
    const current = CheckinTokens.windowOf(at);
    if (window > current) return { ok: false, reason: 'invalid' };
    if (window < current - 1) return { ok: false, reason: 'expired' };
    return { ok: true, window };
  }
}
