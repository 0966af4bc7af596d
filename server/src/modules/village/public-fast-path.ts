import { API_PREFIX } from '@mashang/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseRouteInput } from '../../common/contract-route.js';
import { type CachedRoute, PublicAnswers } from './public-answers.js';
import { PublicCache } from './public-cache.js';

/**
 * Serves the cached public answers (village page, disclosures, power items) from a Fastify
 * `onRequest` hook, before Nest's guards, interceptors and pipes: a poster campaign reads them
 * thousands of times for each change. The answer is the same as the controller's (same cache,
 * versions checked on every request, security headers already written by the hook before this
 * one); anything else — invalid input, an unknown village, a database error — falls through to
 * the controller, which answers it in the shared error shape.
 */
export function servePublicAnswersFirst(app: NestFastifyApplication): void {
  const answers = app.get(PublicAnswers);
  const cache = app.get(PublicCache);
  // Keyed by the route's URL as Fastify matched it, so the router's own work is not repeated.
  const byUrl = new Map<string, CachedRoute>(answers.routes.map((r) => [`${API_PREFIX}${r.route.path}`, r]));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET') return;
      const cached = byUrl.get(request.routeOptions.url ?? '');
      if (!cached) return;
      let answer;
      try {
        answer = await cached.answer(parseRouteInput(cached.route, request));
      } catch {
        return; // the controller answers it, errors included
      }
      await cache.send(request, reply, answer);
      return reply;
    });
}
