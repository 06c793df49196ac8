import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { AppModule } from './app.module';
import { parseByContract } from './common/http/response-contract';
import { AppConfig } from './config/config';

// Validation messages users see come from zod; make its built-in messages Chinese.
z.config(z.locales.zhCN());

const NEST_LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  silent: [],
};

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Builds the whole HTTP application (used by main.ts, the tests and the benchmarks). */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ trustProxy: true, bodyLimit: 1024 * 1024 });
  // Every success body goes through its route's zod contract (added before any route exists, so all get it).
  adapter.getInstance().addHook('preSerialization', parseByContract);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: NEST_LOG_LEVELS[config.logLevel],
  });
  app.setGlobalPrefix('api', { exclude: ['qr/c/:code', 'qr/a/:token'] });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 9, fields: 20 } });

  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (config.h5Dir) {
    const root = resolve(config.h5Dir);
    if (!existsSync(resolve(root, 'index.html'))) throw new Error(`H5_DIR ${root} has no index.html; build the mini-program for H5 first`);
    await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}

export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('暖城 API')
    .setDescription('领航共建·先锋暖城: micro-wishes, volunteer service and reports. Errors are `{ statusCode, code, message }`.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, builder));
}
