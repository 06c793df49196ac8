/** What a certificate certifies, stored as canonical JSON (this key order) and signed as stored. */
export interface CertificateContent {
  v: 1;
  number: string;
  period: { key: string; label: string; from: string; to: string };
  volunteer: { memberId: string; name: string; branch: string; unit: string | null };
  /** 出具单位: the member's branch, which keeps their service ledger (台账). */
  issuer: { kind: 'branch'; id: string; name: string; personInCharge: string; contact: string };
  totalMinutes: number;
  /** Each credit: date (Beijing), minutes, content, place. */
  entries: Array<{ date: string; minutes: number; content: string; place: string }>;
  issuedAt: string;
}

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** 2026-03-12 (Beijing). */
export function beijingDate(date: Date): string {
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 2026年03月12日 (Beijing). */
export function chineseDate(date: Date | string): string {
  const [y, m, d] = beijingDate(typeof date === 'string' ? new Date(date) : date).split('-');
  return `${y}年${m}月${d}日`;
}

/** Minutes as hours with up to two decimals: 90 → "1.5", 50 → "0.83", 0 → "0". */
export function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}
