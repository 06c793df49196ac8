import { randomFillSync } from 'node:crypto';

/**
 * App-generated ids: varchar(36) UUIDs on every database (see docs/architecture.md), version 7 — the first 48 bits
 * are the time in milliseconds and the next 12 a counter within that millisecond, so ids made by one process sort
 * in the order they were made. Timelines order by (createdAt, id): two entries written in the same millisecond keep
 * their order.
 */
let lastMs = 0;
let counter = 0;
const pool = Buffer.alloc(8 * 512);
let poolOffset = pool.length;

export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      // 4,096 ids in one millisecond: borrow the next one.
      lastMs += 1;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  // The 8 random bytes from a pool filled 512 ids at a time (as crypto.randomUUID caches its entropy): one call
  // into the CSPRNG per id was most of an id's cost, and a claim makes five.
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  pool.copy(bytes, 8, poolOffset, poolOffset + 8);
  poolOffset += 8;
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
