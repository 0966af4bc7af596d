import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import { Injectable } from '@nestjs/common';
import type { RouteSpec } from '@mashang/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ContentVersionReader } from '../../common/content-versions/content-versions.js';
import { REPLY_SENT } from '../../common/contract-route.js';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Answers smaller than this go uncompressed, as @fastify/compress's threshold (app.ts) does. */
const COMPRESS_FROM_BYTES = 1024;
/** What the cache may hold, all encodings counted; the least recently used answers go first. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

type Encoding = 'br' | 'gzip';

/** One public answer, serialized once, its compressed forms made once on first demand. */
export interface CachedAnswer {
  readonly key: string;
  /** The content versions it was built from, as compared on each request. */
  readonly versions: string;
  readonly etag: string;
  readonly json: Buffer;
  compressed: Partial<Record<Encoding, Promise<Buffer>>>;
  bytes: number;
}

/** The Accept-Encoding values seen, with what each chose: a handful in practice, bounded against abuse. */
class BoundedCache {
  private readonly map = new Map<string, string>();
  get(key: string) {
    return this.map.get(key);
  }
  has(key: string) {
    return this.map.has(key);
  }
  set(key: string, value: string) {
    if (this.map.size >= 200) this.map.clear();
    this.map.set(key, value);
    return this;
  }
}

/** A weak validator: the same content under any content-coding (RFC 9110 §8.8.3). */
function etagOf(json: Buffer): string {
  return `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
}

/** Whether If-None-Match names this ETag (weak comparison, so `W/` is ignored on both sides). */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.slice(2);
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/**
 * The public village pages, power items and disclosures, held in memory per instance.
 *
 * Each answer is kept with the content versions it was built from (see `bumpContentVersions`);
 * every request reads the current versions (shared reads, `ContentVersionReader`) and rebuilds
 * only when they moved, so a change made through any instance shows at once on all of them.
 * Answers are shaped by their route's schema when built: unknown fields are stripped once, not on
 * every request, with the same guarantee that no entity field leaks.
 */
@Injectable()
export class PublicCache {
  private readonly answers = new Map<string, CachedAnswer>();
  /** Builds under way, by key and versions: concurrent misses share one. */
  private readonly building = new Map<string, Promise<CachedAnswer>>();
  private readonly reader: ContentVersionReader;
  private readonly encodings = new Negotiator<Encoding>({ supportedValues: ['br', 'gzip'], cache: new BoundedCache() });
  private bytes = 0;

  constructor(dataSource: DataSource) {
    // Public pages are only read: every request of a turn can share one version read.
    this.reader = new ContentVersionReader(dataSource, { waitForTurn: true });
  }

  /**
   * The answer under `key`, built by `build` (then shaped by `route.response`) unless the cached one
   * was built from the current versions of `scopes`. `key` holds every other input of the answer
   * (the China date for a page that shows it).
   */
  async get(route: RouteSpec, key: string, scopes: readonly string[], build: () => Promise<unknown>): Promise<CachedAnswer> {
    // The versions are read BEFORE the content: content newer than its label is rebuilt once more,
    // never the other way round (old content under a new label would stay).
    const current = await this.reader.versionsOf(scopes);
    const versions = scopes.map((s) => current.get(s) ?? 0).join('.');
    const cached = this.answers.get(key);
    if (cached?.versions === versions) {
      // Most recently used last.
      this.answers.delete(key);
      this.answers.set(key, cached);
      return cached;
    }
    const buildKey = `${key}\n${versions}`;
    let pending = this.building.get(buildKey);
    if (!pending) {
      pending = this.build(route, key, versions, build).finally(() => this.building.delete(buildKey));
      this.building.set(buildKey, pending);
    }
    return pending;
  }

  /**
   * Sends a cached answer: 304 when the client holds it, else the JSON, compressed when the client
   * takes it. Answers `REPLY_SENT` for the handler to return (never the reply: it is a thenable).
   */
  async send(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer): Promise<typeof REPLY_SENT> {
    // Public content: any cache may keep it, but must ask again each time (the ETag makes that cheap).
    void reply.header('etag', answer.etag).header('cache-control', 'public, no-cache').header('vary', 'accept-encoding');
    const ifNoneMatch = request.headers['if-none-match'];
    const accepted = request.headers['accept-encoding'];
    const encoding = accepted && answer.json.length >= COMPRESS_FROM_BYTES ? this.encodings.negotiate(accepted) : null;
    if (ifNoneMatch && matches(ifNoneMatch, answer.etag)) void reply.code(304).send();
    else if (!encoding) void reply.type('application/json; charset=utf-8').send(answer.json);
    else {
      const body = await this.compressed(answer, encoding);
      void reply.type('application/json; charset=utf-8').header('content-encoding', encoding).send(body);
    }
    return REPLY_SENT;
  }

  private async build(route: RouteSpec, key: string, versions: string, build: () => Promise<unknown>): Promise<CachedAnswer> {
    const data = await build();
    const shaped: unknown = route.response ? route.response.parse(data) : data;
    const json = Buffer.from(JSON.stringify(shaped));
    const answer: CachedAnswer = { key, versions, etag: etagOf(json), json, compressed: {}, bytes: json.length };
    const previous = this.answers.get(key);
    if (previous) {
      this.answers.delete(key);
      this.bytes -= previous.bytes;
    }
    this.answers.set(key, answer);
    this.bytes += answer.bytes;
    this.evict();
    return answer;
  }

  private compressed(answer: CachedAnswer, encoding: Encoding): Promise<Buffer> {
    let pending = answer.compressed[encoding];
    if (!pending) {
      // Made once per change of the content, so the best compression is affordable.
      pending =
        encoding === 'br'
          ? brotli(answer.json, {
              params: {
                [zlib.BROTLI_PARAM_QUALITY]: 11,
                [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
                [zlib.BROTLI_PARAM_SIZE_HINT]: answer.json.length,
              },
            })
          : gzipped(answer.json, { level: 9 });
      answer.compressed[encoding] = pending;
      void pending.then((buffer) => {
        answer.bytes += buffer.length;
        // Counted only while the answer is still held (it may have been replaced or evicted meanwhile).
        if (this.answers.get(answer.key) === answer) {
          this.bytes += buffer.length;
          this.evict();
        }
      });
    }
    return pending;
  }

  private evict(): void {
    for (const [key, answer] of this.answers) {
      if (this.bytes <= MAX_CACHED_BYTES) break;
      this.answers.delete(key);
      this.bytes -= answer.bytes;
    }
  }
}
