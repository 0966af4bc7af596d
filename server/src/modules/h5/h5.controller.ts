import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Inject, Logger, NotFoundException, Param, Res } from '@nestjs/common';
import { VillageCodeSchema, type VillagePage } from '@mashang/shared';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { CachedAnswer } from '../village/public-cache.js';
import { PublicAnswers } from '../village/public-answers.js';
import { villageFirstScreen, villageNotFoundScreen } from './first-screen.js';

/**
 * The poster's link `/v/<code>` and the H5 router's page paths (the staff subpackage's too) answer with the H5 build's
 * index.html; the app then reads the village code from the path. For `/v/<code>` the village's first screen is written
 * into that HTML, from the public cache. Static assets are served by @fastify/static (see app.ts).
 */
@Controller()
export class H5Controller {
  private readonly logger = new Logger('H5');
  private readonly shell: string | null;
  /** The village HTML made from each cached answer, made once per change of the village's content. */
  private readonly rendered = new WeakMap<CachedAnswer, string>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly answers: PublicAnswers,
  ) {
    const file = join(config.h5Dir, 'index.html');
    this.shell = existsSync(file) ? readFileSync(file, 'utf8') : null;
  }

  @Get('v/:code')
  async village(@Param('code') code: string, @Res() reply: FastifyReply) {
    const shell = this.requireShell();
    if (!VillageCodeSchema.safeParse(code).success) return this.send(reply.code(404), villageNotFoundScreen(shell));
    let answer: CachedAnswer;
    try {
      answer = await this.answers.page(code);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'VILLAGE_NOT_FOUND')
        return this.send(reply.code(404), villageNotFoundScreen(shell));
      // The database is away: the plain shell still loads the app, which says so and offers to try again.
      this.logger.warn(`First screen of ${code} not rendered: ${String(error)}`);
      return this.send(reply, shell);
    }
    let html = this.rendered.get(answer);
    if (!html) {
      const json = answer.json.toString('utf8');
      html = villageFirstScreen(shell, JSON.parse(json) as VillagePage, json);
      this.rendered.set(answer, html);
    }
    return this.send(reply, html);
  }

  @Get(['pages/*', 'staff/*'])
  page(@Res() reply: FastifyReply) {
    return this.send(reply, this.requireShell());
  }

  /** Browsers ask for /favicon.ico whatever the page links: the build's SVG icon answers. */
  @Get('favicon.ico')
  favicon(@Res() reply: FastifyReply) {
    return reply.header('cache-control', 'public, max-age=86400').redirect('/favicon.svg', 301);
  }

  private requireShell(): string {
    if (!this.shell) throw new NotFoundException();
    return this.shell;
  }

  private send(reply: FastifyReply, html: string) {
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  }
}
