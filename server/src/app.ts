import { existsSync } from 'node:fs';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { type LogLevel, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX, ERROR_HTTP_STATUS, MAX_ATTACHMENT_BYTES, MAX_SPREADSHEET_BYTES, type RouteSpec, contract } from '@mashang/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { type Clock, SystemClock } from './common/clock.js';
import { RAW_SECURITY_HEADERS, apiErrorBody, clientErrorHandler } from './common/http-errors.js';
import { registerSecurityHeaders, securityHeadersOf } from './common/security-headers.js';
import type { AppConfig } from './config/app-config.js';
import { runMigrations } from './database/migrate.js';
import { seedDemoDataIfEmpty } from './demo/seed-demo-data.js';
import { seedDemoCases } from './demo/seed-demo-cases.js';
import { CalendarScheduleService } from './modules/calendar/calendar-schedule.service.js';
import { DeadlineRulesService } from './modules/deadline/deadline-rules.service.js';
import { DeadlineSweep } from './modules/case/deadline-sweep.js';
import { RedFlagService } from './modules/red-flag/red-flag.service.js';
import { OutboxWorker } from './modules/notification/outbox-worker.js';
import { RetentionSweep } from './modules/retention/retention-sweep.js';
import { servePublicAnswersFirst } from './modules/village/public-fast-path.js';
import { buildOpenApiDocument } from './modules/openapi/openapi-document.js';

/** A report with photos comes later through uploads; JSON bodies stay small. */
const BODY_LIMIT_BYTES = 64 * 1024;

export interface AppOptions {
  clock?: Clock;
  logLevels?: LogLevel[] | false;
}

/** Fastify's `trustProxy` for a hop count: the socket's peer is hop 0, the address it forwarded hop 1… */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** Builds the application, migrates the database and, when configured, loads demo data. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A hop count trusts the last N hops whoever they are (Fastify's own number option trusts none).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // Requests Node's parser refuses (headers too large, Transfer-Encoding beside Content-Length…) answer in the shared shape.
    clientErrorHandler,
    // A malformed URL (bad percent-encoding) or an over-long path parameter: refused by the router before any hook runs.
    frameworkErrors: (error: { code?: string }, _request: FastifyRequest, reply: FastifyReply) => {
      const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URI_TOO_LONG' : 'MALFORMED_REQUEST';
      void reply
        .status(ERROR_HTTP_STATUS[code])
        .headers(RAW_SECURITY_HEADERS)
        .type('application/json; charset=utf-8')
        .send(apiErrorBody(code));
    },
  });
  // The API takes `application/json` bodies only (uploads and spreadsheets travel inside JSON, as base64):
  // anything else is refused with 415 before validation, so a form on another site cannot file a report.
  // Fastify's text/plain parser goes, and Nest's form parser is never registered (`bodyParser: false`).
  adapter.getInstance().removeContentTypeParser('text/plain');
  // Spreadsheets and photos (base64) and the drafts holding tables may be large; every other body stays small.
  const base64Limit = (bytes: number) => Math.ceil(bytes / 3) * 4 + BODY_LIMIT_BYTES;
  const routeKey = (r: RouteSpec) => `${r.method} ${API_PREFIX}${r.path}`;
  const largeBodies = new Map([
    ...[
      contract.publishing.importTable,
      contract.publishing.create,
      contract.publishing.saveDraft,
      // A township's deceased list runs to thousands of lines.
      contract.redFlag.saveDeceased,
      contract.redFlag.saveRoster,
    ].map((r) => [routeKey(r), base64Limit(MAX_SPREADSHEET_BYTES)] as const),
    [routeKey(contract.publishing.uploadAttachment), base64Limit(MAX_ATTACHMENT_BYTES)] as const,
  ]);
  adapter.getInstance().addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const limit = methods.map((method) => largeBodies.get(`${method} ${route.url}`)).find((l) => l !== undefined);
    if (limit) route.bodyLimit = limit;
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.clock ?? new SystemClock()), adapter, {
    logger: options.logLevels ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  const securityHeaders = securityHeadersOf(config);
  registerSecurityHeaders(app, securityHeaders);
  // After the security headers (hooks run in the order added), before everything Nest adds.
  servePublicAnswersFirst(app);
  await app.register(fastifyCookie);
  // Answers that carry a token, a query code, a case or an identity must not stay in any cache: every
  // API answer is `no-store` unless its route says otherwise (public images and files do).
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
  // Villagers are often on weak mobile networks: compress answers, with a brotli level cheap enough for bursts.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });
  if (existsSync(config.h5Dir)) {
    // `preCompressed` serves the .br/.gz files written at build time instead of compressing per request.
    await app.register(fastifyStatic, { root: config.h5Dir, prefix: '/', wildcard: false, maxAge: '1h', preCompressed: true });
  } else {
    new Logger('H5').warn(`No H5 build at ${config.h5Dir}; run "npm run build:h5 -w miniapp" to serve the village pages`);
  }
  // In production the API is documented only where API_DOCS=true asks for it.
  if (config.apiDocs)
    SwaggerModule.setup('api/docs', app, buildOpenApiDocument() as unknown as OpenAPIObject, {
      jsonDocumentUrl: 'api/openapi.json',
    });
  await app.init();
  const dataSource = app.get(DataSource);
  await runMigrations(dataSource);
  await app.get(CalendarScheduleService).refreshAndWarn();
  await app.get(DeadlineRulesService).refresh();
  // The demo's cases go through the services, so their clocks, timelines and alerts are what real steps make.
  if (config.demoData && (await seedDemoDataIfEmpty(dataSource))) await seedDemoCases(app);
  app.get(DeadlineSweep).startSweeping();
  app.get(RedFlagService).startSweeping();
  app.get(OutboxWorker).startWorking();
  app.get(RetentionSweep).startSweeping();
  return app;
}
