import { randomBytes } from 'node:crypto';
import { DataCipher } from './data-cipher';

describe(DataCipher.name, () => {
  const sut = new DataCipher({ dataKey: randomBytes(32) });

  it('should round-trip and never produce the same ciphertext twice', () => {
    const a = sut.encrypt('13812341234');
    const b = sut.encrypt('13812341234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812341234');
    expect(sut.decrypt(a)).toBe('13812341234');
  });

  it('should reject tampered ciphertext', () => {
    const sealed = sut.encrypt('13812341234');
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => sut.decrypt([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });

  it('should not decrypt with another key', () => {
    const other = new DataCipher({ dataKey: randomBytes(32) });
    expect(() => other.decrypt(sut.encrypt('x'))).toThrow();
  });

  it('should hash deterministically per key', () => {
    expect(sut.hash('13812341234')).toBe(sut.hash('13812341234'));
    expect(sut.hash('13812341234')).not.toBe(new DataCipher({ dataKey: randomBytes(32) }).hash('13812341234'));
  });
});
