#!/usr/bin/env node
// Restores a backup into a FRESH MariaDB/MySQL database and checks it (docs/operations.md, "Backup and restore"):
//   DATABASE_URL=mariadb://user:pass@host:3306/new_db UPLOAD_DIR=/srv/nuancheng/uploads-restored \
//     node scripts/restore.mjs --dump backup.sql --uploads backup-uploads/
// Creates the database (refuses one that already has tables), loads the dump with the `mariadb` client (or `mysql`),
// copies the upload storage, then runs `cli.js check` (server/src/database/invariants.ts) against the result:
// exit 0 only when every invariant holds. Needs the built server (npm run build).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib.mjs';

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(2);
}

const dump = arg('dump');
const uploads = arg('uploads');
const { DATABASE_URL, UPLOAD_DIR } = process.env;
if (!dump || !fs.existsSync(dump)) fail('--dump FILE (a mysqldump/mariadb-dump of the database) is required');
if (!DATABASE_URL || !/^(mysql|mariadb):\/\//.test(DATABASE_URL)) fail('DATABASE_URL must name the new MariaDB/MySQL database to restore into');
if (!UPLOAD_DIR) fail('UPLOAD_DIR must name the folder to restore the uploads into');
const url = new URL(DATABASE_URL);
const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
if (!/^[A-Za-z0-9_]+$/.test(database)) fail(`database name ${JSON.stringify(database)}: letters, digits and _ only`);
const client = spawnSync('sh', ['-c', 'command -v mariadb || command -v mysql'], { encoding: 'utf8' }).stdout.trim();
if (!client) fail('the mariadb (or mysql) command-line client is not installed');
const connection = ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username || 'root')];
const env = { ...process.env, ...(url.password ? { MYSQL_PWD: decodeURIComponent(url.password) } : {}) };

function sql(statement, db) {
  const result = spawnSync(client, [...connection, '-N', '-B', '-e', statement, ...(db ? [db] : [])], { env, encoding: 'utf8' });
  if (result.status !== 0) fail(`${statement}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

const tables = sql(`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '${database}'`);
if (Number(tables) > 0) fail(`database ${database} already has ${tables} tables: restore into a fresh one`);
sql(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
console.log(`▶ Loading ${dump} into ${database}`);
const loaded = await new Promise((resolve) => {
  const child = spawn(client, [...connection, database], { env, stdio: [fs.openSync(dump, 'r'), 'inherit', 'inherit'] });
  child.on('exit', (code) => resolve(code === 0));
});
if (!loaded) fail('loading the dump failed');

if (uploads) {
  if (!fs.existsSync(uploads)) fail(`--uploads ${uploads} does not exist`);
  console.log(`▶ Copying uploads from ${uploads} to ${UPLOAD_DIR}`);
  fs.mkdirSync(UPLOAD_DIR, { recursive: true });
  fs.cpSync(uploads, UPLOAD_DIR, { recursive: true, errorOnExist: false, force: false });
}

console.log('▶ Checking the invariants');
const check = spawnSync(process.execPath, [path.join(ROOT, 'server/dist/database/cli.js'), 'check'], { env: { ...process.env, STORAGE_DRIVER: 'local' }, stdio: 'inherit' });
process.exit(check.status ?? 1);
