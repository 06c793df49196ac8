import 'reflect-metadata';
import type { Server } from 'node:http';
import { INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { DataCipher } from './common/crypto/data-cipher';
import { ConfigError, loadConfig } from './config/config';
import { prepareDatabase } from './database/prepare';
import { DEMO_PERSONAS } from './database/seed/demo-data';

async function bootstrap() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  stopGracefully(app, config.shutdownTimeoutMs);
  await prepareDatabase(app.get(DataSource), config, app.get(DataCipher));
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const lines = [
    `暖城 is running at ${url} in ${config.wechat.mode === 'dev' ? 'DEV mode: demo persona sign-in is open to anyone who can reach this address' : 'LIVE mode (real WeChat sign-in)'}`,
    `  Listening on ${config.host}:${config.port}${config.trustProxy === false ? '' : ` behind trusted proxies ${JSON.stringify(config.trustProxy)}`}`,
    `  API:      ${url}/api${config.openApiUi ? `  (OpenAPI ${url}/api/docs, JSON ${url}/api/docs-json)` : '  (OpenAPI UI off: OPENAPI_UI=true to enable)'}`,
  ];
  if (config.h5Dir) lines.push(`  H5 app:   ${url}/`);
  lines.push(`  Database: ${config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')}`, `  WeChat:   ${config.wechat.mode} mode`);
  if (config.wechat.mode === 'dev') {
    lines.push('  Demo sign-in codes (type one on the H5 sign-in page, or POST /api/auth/wechat {"code": "..."}):');
    for (const p of DEMO_PERSONAS.filter((p) => !/member-(0[2-9]|[1-3]\d|40)$/.test(p.code))) lines.push(`    ${p.code.padEnd(16)} ${p.label}`);
    lines.push('    dev:member-02 … dev:member-40   more in-service Party members;  dev:<any name>  a new resident');
  }
  new Logger('Bootstrap').log(`\n${lines.join('\n')}`);
}

/**
 * SIGTERM (an orchestrator stopping or rolling the instance) or SIGINT: app.close() stops the job scheduler (the
 * running round finishes), stops accepting connections and closes idle keep-alive ones, lets the requests in
 * flight finish, then closes the pool; the process then exits 0. Past SHUTDOWN_TIMEOUT_MS it exits 1 regardless.
 * Nest's enableShutdownHooks would re-raise the signal after closing, so the exit status would read as a crash.
 */
function stopGracefully(app: INestApplication, timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  const stop = (signal: NodeJS.Signals) => {
    logger.log(`${signal}: finishing requests in flight, no new connections or jobs`);
    setTimeout(() => {
      logger.error(`still busy after ${timeoutMs} ms: exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    // server.close() drops the keep-alive connections idle at that moment; one that falls idle after its last answer
    // would hold the shutdown until the client's keep-alive timeout: drop those as they come.
    const server = app.getHttpServer() as Server;
    setInterval(() => server.closeIdleConnections(), 100).unref();
    app.close().then(
      () => {
        logger.log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, stop);
}

void bootstrap();
