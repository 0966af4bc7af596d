import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RateLimiter } from '../src/common/rate-limit/rate-limiter.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeIf } from '../../test/support/jest-helpers.js';

const MINUTE_MS = 60_000;
const sorted = (counts: number[]) => [...counts].sort((a, b) => a - b);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

// Hits on one counter made at once are counted together, in one statement: each must still get
// its own place in the window's count, as if they had been counted one by one.
describe.each(DATABASE_KINDS)('rate limit counters on %s', (kind) => {
  let t: TestApp;
  let limiter: RateLimiter;
  let db: DataSource;
  const hitsOf = async (bucketPrefix: string) =>
    db.query<Array<{ window_start: number | string; hits: number | string }>>(
      'SELECT window_start, hits FROM rate_limit_hits WHERE bucket LIKE ? ORDER BY window_start',
      [`${bucketPrefix}:%`],
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    limiter = t.app.get(RateLimiter);
    db = t.app.get(DataSource);
  });
  afterAll(() => t?.close());

  it('gives hits made at once each its own count, the window holding them all', async () => {
    const counts = await Promise.all(Array.from({ length: 25 }, () => limiter.count('test_burst', '198.51.100.1', MINUTE_MS)));
    expect(sorted(counts)).toEqual(oneTo(25));
    const more = await Promise.all(Array.from({ length: 5 }, () => limiter.count('test_burst', '198.51.100.1', MINUTE_MS)));
    expect(sorted(more)).toEqual([26, 27, 28, 29, 30]);
    expect((await hitsOf('test_burst')).map((r) => Number(r.hits))).toEqual([30]);
    expect(await limiter.peek('test_burst', '198.51.100.1', MINUTE_MS)).toBe(30);
  });

  it('keeps the counters of different clients apart when they are hit at once', async () => {
    const [a, b] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => limiter.count('test_apart', '198.51.100.2', MINUTE_MS))),
      Promise.all(Array.from({ length: 4 }, () => limiter.count('test_apart', '198.51.100.3', MINUTE_MS))),
    ]);
    expect(sorted(a)).toEqual(oneTo(6));
    expect(sorted(b)).toEqual(oneTo(4));
  });

  it('starts a new window at one and forgets the windows before the previous one', async () => {
    const start = t.clock.now();
    const at = (minutes: number) => t.clock.set(new Date(start.getTime() + minutes * MINUTE_MS));
    at(0);
    await limiter.count('test_window', '198.51.100.4', MINUTE_MS);
    at(1);
    await limiter.count('test_window', '198.51.100.4', MINUTE_MS);
    at(2);
    expect(await Promise.all([1, 2, 3].map(() => limiter.count('test_window', '198.51.100.4', MINUTE_MS)))).toEqual([1, 2, 3]);
    // The window of minute 0 ended before the previous one (minute 1) began: it is gone.
    expect((await hitsOf('test_window')).map((r) => Number(r.hits))).toEqual([1, 3]);
    at(0);
  });
});

describeIf(DATABASE_KINDS.includes('mysql'))('rate limit counters across two instances on one MySQL database', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    one = await startTestApp('mysql');
    two = await startTestApp('mysql', {}, one);
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('counts every hit of both once, each with its own count', async () => {
    const hit = (t: TestApp) => t.app.get(RateLimiter).count('test_shared', '198.51.100.9', MINUTE_MS);
    const counts = await Promise.all(Array.from({ length: 30 }, (_, i) => hit(i % 2 ? one : two)));
    expect(sorted(counts)).toEqual(oneTo(30));
  });
});
