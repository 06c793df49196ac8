import { CheckinTokens } from './checkin-token';
import { checkinWindow, checkoutWindow, locationVerdict, serviceMinutes, timeVerdict } from './checkin.rules';

const ID = '0b7e2c1a-3f4d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER = '1c8f3d2b-4a5e-4f60-9bac-1d2e3f4a5b6c';
const at = (iso: string) => new Date(iso);

describe('check-in tokens', () => {
  const tokens = new CheckinTokens(Buffer.alloc(32, 1));
  const now = at('2026-12-01T01:00:10Z');

  it('should accept the current and the previous 30-second window only', () => {
    const { token, window } = tokens.issue(ID, now);
    expect(tokens.verify(token, ID, now)).toEqual({ ok: true, window });
    expect(tokens.verify(token, ID, new Date(now.getTime() + 30_000))).toEqual({ ok: true, window });
    expect(tokens.verify(token, ID, new Date(now.getTime() + 60_000))).toEqual({ ok: false, reason: 'expired' });
    // A window not yet begun cannot have been issued.
    expect(tokens.verify(token, ID, new Date(now.getTime() - 30_000))).toEqual({ ok: false, reason: 'invalid' });
    expect(CheckinTokens.windowEnd(window).getTime() - now.getTime()).toBeLessThanOrEqual(30_000);
  });

  it('should refuse a forged signature, another key, a changed window, and name another activity’s code', () => {
    const { token } = tokens.issue(ID, now);
    const [id, window, signature] = token.split('.');
    const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(tokens.verify(`${id}.${window}.${flipped}`, ID, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(tokens.verify(`${id}.${Number(window) + 1}.${signature}`, ID, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(new CheckinTokens(Buffer.alloc(32, 2)).verify(token, ID, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(tokens.verify(`${OTHER}.${window}.${signature}`, OTHER, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(tokens.verify(tokens.issue(OTHER, now).token, ID, now)).toEqual({ ok: false, reason: 'other_activity' });
    expect(tokens.verify('', ID, now)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('check-in rules', () => {
  const place = { lat: 40.7689, lng: 107.4123, radiusM: 500 };

  it('should accept a fix whose accuracy circle reaches the radius, and refuse one wholly outside', () => {
    expect(locationVerdict(place, { lat: 40.7689, lng: 107.4123, accuracy: 20 })).toEqual({ ok: true, distanceM: 0 });
    // ~600 m north: inside only thanks to a 150 m accuracy circle.
    expect(locationVerdict(place, { lat: 40.7743, lng: 107.4123, accuracy: 150 })).toMatchObject({ ok: true });
    expect(locationVerdict(place, { lat: 40.7743, lng: 107.4123, accuracy: 50 })).toMatchObject({ ok: false, reason: 'out_of_range' });
    expect(locationVerdict(place, { lat: 40.7689, lng: 107.4123, accuracy: 250 })).toMatchObject({ ok: false, reason: 'poor_accuracy' });
    // Far away with a vague fix: still wholly outside.
    expect(locationVerdict(place, { lat: 40.8, lng: 107.4123, accuracy: 1000 })).toMatchObject({ ok: false, reason: 'out_of_range' });
  });

  it('should open check-in 30 minutes before the start to the end, and check-out from end − 30 min to end + 2 h', () => {
    const a = { startAt: at('2026-12-01T01:00:00Z'), endAt: at('2026-12-01T03:00:00Z') };
    expect(timeVerdict(checkinWindow(a), at('2026-12-01T00:29:59Z'))).toBe('early');
    expect(timeVerdict(checkinWindow(a), at('2026-12-01T00:30:00Z'))).toBe('open');
    expect(timeVerdict(checkinWindow(a), at('2026-12-01T03:00:01Z'))).toBe('late');
    expect(timeVerdict(checkoutWindow(a), at('2026-12-01T02:29:00Z'))).toBe('early');
    expect(timeVerdict(checkoutWindow(a), at('2026-12-01T05:00:00Z'))).toBe('open');
    expect(timeVerdict(checkoutWindow(a), at('2026-12-01T05:00:01Z'))).toBe('late');
  });

  it('should count the overlap of [in, out] with [start, end] in whole minutes', () => {
    const a = { startAt: at('2026-12-01T01:00:00Z'), endAt: at('2026-12-01T03:00:00Z') };
    expect(serviceMinutes(a, at('2026-12-01T00:40:00Z'), at('2026-12-01T03:30:00Z'))).toBe(120);
    expect(serviceMinutes(a, at('2026-12-01T01:15:30Z'), at('2026-12-01T02:00:00Z'))).toBe(44);
    expect(serviceMinutes(a, at('2026-12-01T02:00:00Z'), null)).toBe(60);
    expect(serviceMinutes(a, at('2026-12-01T03:10:00Z'), at('2026-12-01T03:20:00Z'))).toBe(0);
  });
});
