import { AppException } from '../../common/errors/app.exception';

/** China Standard Time: half years and years begin at midnight in Beijing. */
const CST_OFFSET_MS = 8 * 3600 * 1000;

export interface Period {
  key: string;
  label: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

const cstMidnight = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - CST_OFFSET_MS);

/** `2026H1` (January–June), `2026H2` (July–December) or `2026`; the half year containing `now` when omitted. */
export function periodOf(key: string | undefined, now: Date): Period {
  if (!key) {
    const local = new Date(now.getTime() + CST_OFFSET_MS);
    key = `${local.getUTCFullYear()}H${local.getUTCMonth() < 6 ? 1 : 2}`;
  }
  const match = /^(\d{4})(H([12]))?$/.exec(key);
  if (!match) throw AppException.badRequest('时段格式应为 2026H1、2026H2 或 2026');
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) throw AppException.badRequest('时段年份超出范围');
  if (!match[3]) return { key, label: `${year}年`, from: cstMidnight(year, 0), to: cstMidnight(year + 1, 0) };
  const half = Number(match[3]);
  return half === 1
    ? { key, label: `${year}年上半年`, from: cstMidnight(year, 0), to: cstMidnight(year, 6) }
    : { key, label: `${year}年下半年`, from: cstMidnight(year, 6), to: cstMidnight(year + 1, 0) };
}
