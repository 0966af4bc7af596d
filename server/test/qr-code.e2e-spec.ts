import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe.each(DATABASE_KINDS)('poster QR codes on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('encodes the village link in a PNG that a QR reader decodes', async () => {
    const res = await t.request('GET', '/api/v1/villages/341821203202/qr.png');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(res.raw);
    const decoded = jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe('https://mashang.example.cn/v/341821203202');
  });

  it('serves the same link as SVG', async () => {
    const res = await t.request('GET', '/api/v1/villages/341821203202/qr.svg');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.body).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('refuses a QR code for a village that does not exist', async () => {
    const res = await t.request('GET', '/api/v1/villages/341821102299/qr.png');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('VILLAGE_NOT_FOUND');
  });
});
