import { existsSync } from 'node:fs';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { type LogLevel, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX, MAX_ATTACHMENT_BYTES, MAX_SPREADSHEET_BYTES, type RouteSpec, contract } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { type Clock, SystemClock } from './common/clock.js';
import type { AppConfig } from './config/app-config.js';
import { runMigrations } from './database/migrate.js';
import { seedDemoDataIfEmpty } from './demo/seed-demo-data.js';
import { CalendarScheduleService } from './modules/calendar/calendar-schedule.service.js';
import { DeadlineRulesService } from './modules/deadline/deadline-rules.service.js';
import { buildOpenApiDocument } from './modules/openapi/openapi-document.js';

/** A report with photos comes later through uploads; JSON bodies stay small. */
const BODY_LIMIT_BYTES = 64 * 1024;

export interface AppOptions {
  clock?: Clock;
  logLevels?: LogLevel[] | false;
}

/** Builds the application, migrates the database and, when configured, loads demo data. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.trustProxy });
  // The API speaks JSON only; other bodies are refused (415) instead of reaching validation as text.
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
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument() as unknown as OpenAPIObject, {
    jsonDocumentUrl: 'api/openapi.json',
  });
  await app.init();
  const dataSource = app.get(DataSource);
  await runMigrations(dataSource);
  await app.get(CalendarScheduleService).refreshAndWarn();
  await app.get(DeadlineRulesService).refresh();
  if (config.demoData) await seedDemoDataIfEmpty(dataSource);
  return app;
}
