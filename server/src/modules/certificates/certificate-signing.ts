import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The certificate's cryptography, pure: numbers with a keyed check, the HMAC over the certified content, the check
 * code printed on the PDF, and short-lived download tokens. One key (CERT_KEY), separated by purpose prefixes.
 */

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // Crockford-like: no 0/O, 1/I/L.
const NUMBER = /^NC-([2-9A-HJ-NP-Z]{8})-([2-9A-HJ-NP-Z]{4})$/;

const mac = (key: string, purpose: string, text: string) => createHmac('sha256', key).update(`${purpose}:${text}`, 'utf8').digest();

function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += ALPHABET[bytes[i % bytes.length] % 32];
  return out;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A fresh number: NC-<8 random characters>-<4 characters of an HMAC over them> (40 random bits, 20 check bits). */
export function newCertificateNumber(key: string): string {
  const random = base32(randomBytes(8), 8);
  return `NC-${random}-${base32(mac(key, 'number', random), 4)}`;
}

/** Whether a number is well formed and carries this key's check (an invented or altered number fails here). */
export function isIssuedNumber(key: string, number: string): boolean {
  const match = NUMBER.exec(number);
  return match !== null && sameText(match[2], base32(mac(key, 'number', match[1]), 4));
}

/** Hex HMAC-SHA256 of the stored content. */
export function signContent(key: string, content: string): string {
  return mac(key, 'content', content).toString('hex');
}

export function isSignedContent(key: string, content: string, signature: string): boolean {
  return sameText(signContent(key, content), signature);
}

/** What the PDF prints and the verification page shows beside it: the signature's first 64 bits, grouped. */
export function checkCodeOf(signature: string): string {
  return signature.slice(0, 16).toUpperCase().match(/.{4}/g)!.join('-');
}

/** SHA-256 of a text (hex). */
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A token for downloading one certificate's PDF until `expires` (ms since epoch), without signing in. */
export function downloadToken(key: string, number: string, expires: number): string {
  return mac(key, 'download', `${number}:${expires}`).toString('hex').slice(0, 32);
}

export function isDownloadToken(key: string, number: string, expires: number, token: string, now: number): boolean {
  return Number.isSafeInteger(expires) && expires > now && sameText(downloadToken(key, number, expires), token);
}
