import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withContext } from '../../test/support/jest-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('documentation and the H5 build', () => {
  let t: TestApp;
  let h5Dir: string;
  beforeAll(async () => {
    h5Dir = mkdtempSync(join(tmpdir(), 'mashang-h5-'));
    writeFileSync(join(h5Dir, 'index.html'), '<!doctype html><title>码上监督</title><div id="app"></div>');
    mkdirSync(join(h5Dir, 'js'));
    writeFileSync(join(h5Dir, 'js', 'app.js'), 'console.log("app")');
    t = await startTestApp('sqlite', { H5_DIR: h5Dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  it('publishes an OpenAPI document with every route of the contract', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const operations = Object.values(res.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) =>
      Object.values(p).map((o) => o.operationId),
    );
    const declared = Object.entries(contract).flatMap(([area, routes]) => Object.keys(routes).map((name) => `${area}.${name}`));
    expect(operations.sort()).toEqual(declared.sort());
    expect(res.body.paths['/api/v1/reports/lookup'].post.responses['404'].description).toContain('QUERY_CODE_NOT_FOUND');
  });

  it('serves a browsable API page', async () => {
    const res = await t.request('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/html');
  });

  it('opens the H5 app at the poster link and at its page paths', async () => {
    for (const path of ['/v/341821102201', '/pages/report/index?code=341821102201', '/staff/pages/login/index', '/']) {
      const res = await t.request('GET', path);
      await withContext(path, () => {
        expect(res.status).toBe(200);
        expect(res.body).toContain('<div id="app">');
      });
    }
    const asset = await t.request('GET', '/js/app.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toContain('console.log');
  });

  it('answers unknown API paths with JSON, not the app', async () => {
    const res = await t.request('GET', '/api/v1/unknown');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});

describe('compression', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('compresses the village page for clients that accept it', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/v1/villages/341821102201' });
    const gzip = await t.app.inject({ method: 'GET', url: '/api/v1/villages/341821102201', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8'))).toEqual(plain.json());
  });
});
