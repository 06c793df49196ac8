import 'reflect-metadata';
import { Logger } from '@nestjs/common';
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
  app.enableShutdownHooks();
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

void bootstrap();
