// The server's own DataCipher (from server/dist) with the bench DATA_KEY, so phones and names written by the
// generators decrypt and match in the running server exactly as if the roster import had written them; the bare
// baseline decrypts the claimed wish's contact with it too.
import { createRequire } from 'node:module';
import path from 'node:path';
import { BENCH_DATA_KEY, SERVER_DIR } from './common.mjs';

const require = createRequire(path.join(SERVER_DIR, 'package.json'));

/** dataKeyHex: 64 hex characters, as DATA_KEY (default the bench's fixed key). */
export function benchCipher(dataKeyHex = BENCH_DATA_KEY) {
  const { DataCipher } = require(path.join(SERVER_DIR, 'dist/common/crypto/data-cipher.js'));
  return new DataCipher({ dataKey: Buffer.from(dataKeyHex, 'hex') });
}

export function serverModule(relative) {
  return require(path.join(SERVER_DIR, 'dist', relative));
}

export function serverRequire(name) {
  return require(name);
}
