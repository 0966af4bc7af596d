import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Inject, NotFoundException, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/**
 * The poster's link `/v/<code>` and the H5 router's page paths (the staff subpackage's too) answer with the H5 build's
 * index.html; the app then reads the village code from the path. Static assets are served by
 * @fastify/static (see main).
 */
@Controller()
export class H5Controller {
  private readonly indexHtml: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const file = join(config.h5Dir, 'index.html');
    this.indexHtml = existsSync(file) ? readFileSync(file, 'utf8') : null;
  }

  @Get(['v/:code', 'pages/*', 'staff/*'])
  page(@Res() reply: FastifyReply) {
    if (!this.indexHtml) throw new NotFoundException();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(this.indexHtml);
  }
}
