import { gunzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '@mashang/shared';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withContext } from '../../test/support/jest-helpers.js';
import { county, disclosure, powerItem, township, village } from './factories/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The part of an OpenAPI document these tests read. */
const OpenApiPaths = z.object({
  paths: z.record(
    z.string(),
    z.record(z.string(), z.object({ operationId: z.string(), responses: z.record(z.string(), z.object({ description: z.string() })) })),
  ),
});

describe('documentation and the H5 build', () => {
  let t: TestApp;
  let h5Dir: string;
  beforeAll(async () => {
    h5Dir = mkdtempSync(join(tmpdir(), 'mashang-h5-'));
    writeFileSync(join(h5Dir, 'index.html'), '<!doctype html><title>码上监督</title><div id="app"></div>');
    mkdirSync(join(h5Dir, 'js'));
    writeFileSync(join(h5Dir, 'js', 'app.js'), 'console.log("app")');
    t = await startTestApp('sqlite', { H5_DIR: h5Dir });
    villageCode = (await village(t, await township(t, await county(t)))).code;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });
  let villageCode = '';

  it('publishes an OpenAPI document with every route of the contract', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const { paths } = OpenApiPaths.parse(res.body);
    const operations = Object.values(paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    const declared = Object.entries(contract).flatMap(([area, routes]) => Object.keys(routes).map((name) => `${area}.${name}`));
    expect(operations.sort()).toEqual(declared.sort());
    expect(paths['/api/v1/reports/lookup']?.post?.responses['404']?.description).toContain('QUERY_CODE_NOT_FOUND');
  });

  it('serves a browsable API page', async () => {
    const res = await t.request('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/html');
  });

  it('opens the H5 app at the poster link and at its page paths', async () => {
    for (const path of [`/v/${villageCode}`, `/pages/report/index?code=${villageCode}`, '/staff/pages/login/index', '/']) {
      const res = await t.request('GET', path);
      await withContext(path, () => {
        expect(res.status).toBe(200);
        expect(res.text).toContain('<div id="app">');
      });
    }
    // A poster link to no village is one page that says so, without the app behind it.
    const unknown = await t.request('GET', '/v/999999999999');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('没有找到这个村');
    const asset = await t.request('GET', '/js/app.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toContain('console.log');
  });

  it('answers unknown API paths with JSON, not the app', async () => {
    const res = await t.request('GET', '/api/v1/unknown');
    expect(res.status).toBe(404);
    expect(res.error.code).toBe('NOT_FOUND');
  });
});

describe('compression', () => {
  let t: TestApp;
  let code: string;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const dongshan = await village(t, await township(t, await county(t)));
    for (let i = 1; i <= 8; i++) await powerItem(t, dongshan, { title: `村级小微权力事项第${i}项` });
    for (let i = 1; i <= 6; i++)
      await disclosure(t, dongshan, { kind: 'finance', type: 'income_expense', title: `2026年${i}月财务收支明细`, period: `2026-0${i}` });
    code = dongshan.code;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('compresses the village page for clients that accept it', async () => {
    const plain = await t.call(contract.village.page, { params: { code } });
    const gzip = await t.request('GET', `/api/v1/villages/${code}`, undefined, undefined, { 'accept-encoding': 'gzip' });
    expect(plain.raw.length).toBeGreaterThan(1024);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.raw.length).toBeLessThan(plain.raw.length / 2);
    const unzipped: unknown = JSON.parse(gunzipSync(gzip.raw).toString('utf8'));
    expect(unzipped).toEqual(plain.body);
  });
});
