import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { county, type Region, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe.each(DATABASE_KINDS)('poster QR codes on %s', (kind) => {
  let t: TestApp;
  let zhulin: Region;
  beforeAll(async () => {
    t = await startTestApp(kind);
    zhulin = await village(t, await township(t, await county(t)), { name: '竹林村' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('encodes the village link in a PNG that a QR reader decodes', async () => {
    const res = await t.call(contract.village.qrPng, { params: { code: zhulin.code } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(res.raw);
    const decoded = jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(`https://mashang.example.cn/v/${zhulin.code}`);
  });

  it('serves the same link as SVG', async () => {
    const res = await t.call(contract.village.qrSvg, { params: { code: zhulin.code } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.text).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('refuses a QR code for a village that does not exist', async () => {
    const res = await t.call(contract.village.qrPng, { params: { code: `${zhulin.code.slice(0, 9)}299` } });
    expect(res.status).toBe(404);
    expect(res.error.code).toBe('VILLAGE_NOT_FOUND');
  });
});
