/** 13812341234 → 138****1234. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 王小明 → 王**; keeps the family name only. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 城关区张苏滩街道 12 号 → 城关区****: the first three characters only. */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  return chars.length ? `${chars.slice(0, 3).join('')}****` : '';
}
