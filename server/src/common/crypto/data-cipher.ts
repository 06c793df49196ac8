import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';

const VERSION = 'v1';

/**
 * Encrypts personal data at rest with AES-256-GCM and makes keyed hashes for lookups (phone matching) without
 * decrypting. Separate sub-keys for encryption and hashing are derived from DATA_KEY with HKDF.
 * Ciphertext format: `v1.<iv b64url>.<tag b64url>.<data b64url>`.
 */
@Injectable()
export class DataCipher {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'dataKey'>) {
    this.encryptionKey = Buffer.from(hkdfSync('sha256', config.dataKey, Buffer.alloc(0), 'nuancheng/encrypt', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', config.dataKey, Buffer.alloc(0), 'nuancheng/hash', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Unrecognised ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash (hex) for equality lookups; useless without DATA_KEY. */
  hash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value).digest('hex');
  }
}
