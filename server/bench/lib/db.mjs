// mysql2 helpers for the bench: admin connection, database (re)creation, multi-row inserts in batches.
import { createRequire } from 'node:module';
import path from 'node:path';
import { SERVER_DIR, mysqlOptions } from './common.mjs';

const require = createRequire(path.join(SERVER_DIR, 'package.json'));
export const mysql = require('mysql2/promise');

export async function connect(db = undefined, extra = {}) {
  return mysql.createConnection({ ...mysqlOptions(db), multipleStatements: false, ...extra });
}

export async function recreateDatabase(name) {
  const admin = await connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
}

export async function databaseExists(name) {
  const admin = await connect();
  try {
    const [rows] = await admin.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    return rows.length > 0;
  } finally {
    await admin.end();
  }
}

/** INSERT … VALUES (…), (…) in batches of `batch` rows (one statement each). */
export async function insertRows(conn, table, columns, rows, batch = 2000) {
  const head = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch).map((row) => columns.map((c) => (row[c] === undefined ? null : row[c])));
    await conn.query(head, [slice]);
  }
}

export async function serverVersion() {
  const admin = await connect();
  try {
    const [rows] = await admin.query('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool, @@innodb_flush_log_at_trx_commit AS flush');
    return { version: rows[0].v, bufferPoolBytes: Number(rows[0].pool), flushLogAtTrxCommit: Number(rows[0].flush) };
  } finally {
    await admin.end();
  }
}
