import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config.js';

/**
 * The hashes of the inline scripts of the H5 build's index.html (Taro writes one that sets the root
 * font size), so the CSP allows exactly those and no other inline script.
 */
export function inlineScriptHashes(h5Dir: string): string[] {
  const file = join(h5Dir, 'index.html');
  if (!existsSync(file)) return [];
  const html = readFileSync(file, 'utf8');
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = match[1] ?? '';
    if (body.trim()) hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * The security headers every answer carries, as helmet writes them: a CSP the H5 build works under
 * (scripts, styles and connections from this origin only; images also as data: and blob: URLs for
 * previews of picked photos; no framing), `Referrer-Policy: no-referrer` (a village page's URL holds
 * its code, a staff page's a case number), and nosniff, HSTS, COOP, CORP.
 *
 * Helmet is run once, here, against a stand-in response: @fastify/helmet would rebuild its whole
 * middleware (CSP parsing included) on every request for the same, fixed headers.
 */
export function securityHeadersOf(config: Pick<AppConfig, 'h5Dir'>): Readonly<Record<string, string>> {
  const written: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => (written[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete written[name.toLowerCase()],
  };
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(config.h5Dir)],
        // React and Taro set style attributes; inline styles cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Nothing cross-origin is embedded; COEP would only get in the way of downloads.
    crossOriginEmbedderPolicy: false,
  })({} as IncomingMessage, response as unknown as ServerResponse, () => undefined); // helmet 8 throws its errors rather than passing them on
  return Object.freeze(written);
}

/** Writes the precomputed security headers onto every answer, first thing in each request. */
export function registerSecurityHeaders(app: NestFastifyApplication, headers: Readonly<Record<string, string>>): void {
  const server = app.getHttpAdapter().getInstance();
  server.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
