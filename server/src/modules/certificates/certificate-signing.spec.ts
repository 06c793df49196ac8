import { checkCodeOf, downloadToken, isDownloadToken, isIssuedNumber, isSignedContent, newCertificateNumber, signContent } from './certificate-signing';

const KEY = 'a-test-certificate-key-of-32-characters!';

describe('certificate signing', () => {
  it('should issue numbers that carry a keyed check, and reject altered or invented ones', () => {
    const number = newCertificateNumber(KEY);
    expect(number).toMatch(/^NC-[2-9A-HJ-NP-Z]{8}-[2-9A-HJ-NP-Z]{4}$/);
    expect(isIssuedNumber(KEY, number)).toBe(true);
    expect(isIssuedNumber('another-key-another-key-another-key!', number)).toBe(false);
    const altered = number.slice(0, 3) + (number[3] === 'A' ? 'B' : 'A') + number.slice(4);
    expect(isIssuedNumber(KEY, altered)).toBe(false);
    expect(isIssuedNumber(KEY, 'not a number')).toBe(false);
  });

  it('should sign the content so that any change to it is detected', () => {
    const content = JSON.stringify({ name: '王建国', totalMinutes: 90 });
    const signature = signContent(KEY, content);
    expect(isSignedContent(KEY, content, signature)).toBe(true);
    expect(isSignedContent(KEY, content.replace('90', '900'), signature)).toBe(false);
    expect(checkCodeOf(signature)).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  });

  it('should accept a download token until it expires, for its number only', () => {
    const expires = Date.now() + 60_000;
    const token = downloadToken(KEY, 'NC-AAAA2222-BBBB', expires);
    expect(isDownloadToken(KEY, 'NC-AAAA2222-BBBB', expires, token, Date.now())).toBe(true);
    expect(isDownloadToken(KEY, 'NC-AAAA2222-BBBC', expires, token, Date.now())).toBe(false);
    expect(isDownloadToken(KEY, 'NC-AAAA2222-BBBB', expires, token, expires + 1)).toBe(false);
  });
});
