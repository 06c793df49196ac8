import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifyUnderPressure from '@fastify/under-pressure';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { ErrorCode } from '@nuancheng/shared';
import { AppModule } from './app.module';
import { RequestContext, runInRequestContext } from './common/http/request-context';
import { parseByContract } from './common/http/response-contract';
import { AuditService } from './modules/audit/audit.service';
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
  // Client addresses (audit, rate limits) come from X-Forwarded-For only behind the configured proxies.
  const adapter = new FastifyAdapter({ trustProxy: config.trustProxy, bodyLimit: 1024 * 1024 });
  const fastify = adapter.getInstance();
  // Every success body goes through its route's zod contract (added before any route exists, so all get it).
  fastify.addHook('preSerialization', parseByContract);
  // API answers may carry personal data: no cache may keep them, unless a route says otherwise (photos, QR codes).
  // Callback-style hooks where there is nothing to wait for: an async hook costs a promise and a turn per request.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: NEST_LOG_LEVELS[config.logLevel],
  });
  // Load shedding first, so an overloaded instance refuses in microseconds before any other work.
  const load = config.load;
  await app.register(fastifyUnderPressure, {
    maxEventLoopDelay: load.maxEventLoopDelayMs,
    maxHeapUsedBytes: load.maxHeapUsedBytes,
    maxRssBytes: load.maxRssBytes,
    sampleInterval: load.sampleIntervalMs,
    pressureHandler: (_request, reply) => {
      void reply
        .status(503)
        .header('Retry-After', String(load.retryAfterS))
        .header('Cache-Control', 'no-store')
        .send({ statusCode: 503, code: ErrorCode.Overloaded, message: '当前使用人数较多，请稍后再试' });
    },
  });
  installAuditContext(fastify, app.get(AuditService));
  app.setGlobalPrefix('api', { exclude: ['qr/c/:code', 'qr/a/:token', 'verify/:number'] });
  // Security headers everywhere; the content security policy is the H5 app's own (set on its pages below), since
  // the OpenAPI UI needs inline scripts the app does not.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    hsts: { maxAge: 31536000, includeSubDomains: true },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // Browsers on other origins only when configured; the H5 app is served from the API's own origin.
  if (config.corsOrigins.length) await app.register(fastifyCors, { origin: config.corsOrigins, credentials: false, maxAge: 600 });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 9, fields: 20 } });

  if (config.openApiUi) {
    const document = buildOpenApi(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }

  if (config.h5Dir) {
    const root = resolve(config.h5Dir);
    if (!existsSync(resolve(root, 'index.html'))) throw new Error(`H5_DIR ${root} has no index.html; build the mini-program for H5 first`);
    const csp = h5ContentSecurityPolicy(readFileSync(resolve(root, 'index.html'), 'utf8'));
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      setHeaders: (res, file) => {
        if (file.endsWith('.html')) res.setHeader('Content-Security-Policy', csp);
      },
    });
    // Any other page path is the app's (a shared or mistyped link): serve it, and its router shows 页面不存在.
    // The API and missing files (a path with an extension) keep their 404.
    const indexHtml = readFileSync(resolve(root, 'index.html'));
    app
      .getHttpAdapter()
      .getInstance()
      .get('/*', (request, reply) => {
        const path = request.url.split('?')[0];
        if (path === '/api' || path.startsWith('/api/') || /\.[A-Za-z0-9]+$/.test(path)) return reply.callNotFound();
        return reply.type('text/html; charset=utf-8').header('Content-Security-Policy', csp).header('Cache-Control', 'no-cache').send(indexHtml);
      });
  }
  return app;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
type AuditedRequest = { auditContext?: RequestContext };

/**
 * Every API request runs in a context the audit log reads (client address, user agent, principal, role); every
 * write route owes the log one entry: the command's own (a service's, or written by inTransaction just before
 * the command commits), or else one written here when the answer is ready (no transaction ran, or it was
 * refused — by the guard, validation or the service). Anonymous refusals are not logged: anyone could flood it.
 */
function installAuditContext(fastify: FastifyInstance, audit: AuditService): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/')) return done();
    const context: RequestContext = {
      method: request.method,
      route,
      params: (request.params as Record<string, string>) ?? {},
      ip: request.ip ?? null,
      userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
      write: WRITE_METHODS.has(request.method),
      recorded: false,
    };
    // Signed-in commands only: a sign-in names its user later, and is written when it answers.
    context.writeEntry = (manager, result) => (context.principal ? audit.recordRoute(manager, context, { result: 'ok', status: 200, body: result }) : Promise.resolve());
    (request as AuditedRequest).auditContext = context;
    runInRequestContext(context, done);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const context = (request as AuditedRequest).auditContext;
    // Most answers (reads, commands whose entry committed with them) owe nothing here: no promise for them.
    if (!context?.write || context.recorded) return done(null, payload);
    const status = reply.statusCode;
    if (status >= 400 && !context.principal && !context.actorId) return done(null, payload);
    let body: unknown;
    if (typeof payload === 'string' && payload.length < 100_000 && payload.startsWith('{')) {
      try {
        body = JSON.parse(payload);
      } catch {
        body = undefined;
      }
    }
    audit.recordRouteAfter(context, status, body).then(
      () => done(null, payload),
      (error: unknown) => {
        // The command has committed (or was refused); its answer must still go out. The failure is loud in the log.
        request.log.error({ err: error, route: context.route }, 'audit entry not written');
        done(null, payload);
      },
    );
  });
}

/**
 * The H5 app's policy: its own scripts, plus the inline start-up script of index.html by its hash (Taro's
 * viewport sizing); styles inline (Taro injects them); images from itself (photos come from /api/uploads) and data
 * URLs; requests to itself only; never framed.
 */
export function h5ContentSecurityPolicy(indexHtml: string): string {
  const hashes = [...indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Taro's H5 uploadFile reads the picked photo back from its blob: URL.
    "connect-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
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
