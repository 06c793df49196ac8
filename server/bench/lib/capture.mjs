// The real application in-process (server/dist, as the tests build it) with a query logger attached to its
// TypeORM DataSource: calls routes through Fastify's inject and returns the exact SQL each one sends, so the
// bench can compare the baseline's SQL with it and EXPLAIN what the server really runs.
import path from 'node:path';
import { benchServerEnv } from './common.mjs';
import { serverModule, serverRequire } from './cipher.mjs';

export async function captureApp(db, logDir) {
  serverRequire('reflect-metadata');
  const { createApp } = serverModule('app.factory.js');
  const { loadConfig } = serverModule('config/config.js');
  const { DataSource } = serverRequire('typeorm');
  const config = loadConfig({
    ...benchServerEnv(db),
    LOG_LEVEL: 'error',
    MIGRATE_ON_START: 'false',
    JOBS_INTERVAL_MS: '0',
    UPLOAD_DIR: path.join(logDir, 'uploads-capture'),
  });
  const app = await createApp(config);
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const dataSource = app.get(DataSource);
  let recording = null;
  const original = dataSource.logger;
  dataSource.logger = new Proxy(original, {
    get(target, prop) {
      if (prop === 'logQuery') return (query, parameters) => recording?.push({ sql: query, params: parameters ?? [] });
      return target[prop];
    },
  });
  const inject = async (method, url, { token, body } = {}) => {
    const response = await fastify.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.statusCode, body: response.json() };
  };
  return {
    inject,
    async signIn(name) {
      const response = await inject('POST', '/api/auth/wechat', { body: { code: `dev:${name}` } });
      if (response.status !== 200) throw new Error(`sign-in ${name}: ${response.status}`);
      return response.body.token;
    },
    /** Calls a route and returns its answer and the queries it sent, in order. */
    async capture(method, url, options) {
      recording = [];
      const response = await inject(method, url, options);
      const queries = recording;
      recording = null;
      return { ...response, queries };
    },
    dataSource,
    close: () => app.close(),
  };
}

export const normaliseSql = (sql) => sql.replace(/\s+/g, ' ').trim();

/** Tabular EXPLAIN, one line per table: how it is read and with which index. */
export async function explain(conn, sql, params) {
  const [rows] = await conn.query(`EXPLAIN ${sql}`, params);
  return rows.map((r) => ({
    table: r.table,
    type: r.type,
    key: r.key,
    rows: r.rows === null ? null : Number(r.rows),
    extra: r.Extra ?? '',
  }));
}

export function explainLine(plan) {
  return plan.map((p) => `${p.table}: ${p.type}${p.key ? ` via ${p.key}` : ''}, ~${p.rows ?? '?'} rows${p.extra ? ` (${p.extra})` : ''}`).join('; ');
}
