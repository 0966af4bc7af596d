import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import * as mupdf from 'mupdf';
import { contract } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { county, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { RegionEntity } from '../src/modules/region/region.entity.js';

/** Where the 30-village PDF and its figures are left to look at (`test/artifacts/`, not committed). */
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '../../test/artifacts/posters');

const LINK = (code: string) => `https://mashang.example.cn/v/${code}`;

/** A page rendered in grey, by default at 72 dpi (1 px per point). */
function renderGrey(page: mupdf.Page, scale = 1): { grey: Uint8ClampedArray; width: number; height: number } {
  const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceGray, false);
  if (pixmap.getStride() !== pixmap.getWidth()) throw new Error('unexpected row padding');
  return { grey: pixmap.getPixels(), width: pixmap.getWidth(), height: pixmap.getHeight() };
}

/** Grey pixels as RGBA, as jsQR reads them. */
function rgbaOf(grey: Uint8ClampedArray): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(grey.length * 4);
  for (let i = 0; i < grey.length; i++) rgba.set([grey[i]!, grey[i]!, grey[i]!, 255], i * 4);
  return rgba;
}

/** Each page rendered at 36 dpi (a module about 4 px, as a phone sees it from afar) and its QR code read back. */
function readPosters(pdf: Buffer): { qr: string | null; text: string }[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pages: { qr: string | null; text: string }[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const { grey, width, height } = renderGrey(page, 0.5);
    const qr = jsQR.default(rgbaOf(grey), width, height)?.data ?? null;
    pages.push({ qr, text: page.toStructuredText('').asText().replace(/\s+/g, '') });
  }
  return pages;
}

describe.each(DATABASE_KINDS)('posters on %s', (kind) => {
  let t: TestApp;
  let taoyuan: Region;
  let villages: Region[];
  let shimenVillage: Region;
  let handler: StaffFixture;
  let countySupervisor: StaffFixture;
  let shimenHandler: StaffFixture;
  let otherCountySupervisor: StaffFixture;
  let publisher: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingxi = await county(t);
    taoyuan = await township(t, qingxi, { name: '桃源镇', hotline: '0563-7021234' });
    villages = [];
    for (const name of ['东山村', '西河村', '柳塘村']) villages.push(await village(t, taoyuan, { name }));
    const shimen = await township(t, qingxi, { name: '石门乡' });
    shimenVillage = await village(t, shimen, { name: '李&张<村>' });
    handler = await staffAccount(t, 'township_handler', taoyuan);
    countySupervisor = await staffAccount(t, 'county_supervisor', qingxi);
    shimenHandler = await staffAccount(t, 'township_handler', shimen);
    otherCountySupervisor = await staffAccount(t, 'county_supervisor', await county(t));
    publisher = await staffAccount(t, 'village_publisher', villages[0]!);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("prints one A4 page per village of the township, each page's QR code pointing at its village", async () => {
    const res = await t.call(contract.poster.pdf, { query: { township: taoyuan.code } }, handler);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('桃源镇二维码海报.pdf'));
    const pages = readPosters(res.raw);
    expect(pages.map((p) => p.qr)).toEqual(villages.map((v) => LINK(v.code)));
    for (const [i, page] of pages.entries()) {
      // The text is real Chinese text (the font's glyphs map back to characters), not pictures of it.
      expect(page.text).toContain(villages[i]!.name);
      expect(page.text).toContain('桃源镇纪委举报电话：0563-7021234');
      expect(page.text).toContain('查看本村小微权力清单');
      expect(page.text).toContain('实名或匿名反映问题');
      expect(page.text).toContain('被反映人看不到您的反映');
    }
    const doc = mupdf.Document.openDocument(res.raw, 'application/pdf');
    const [, , width, height] = doc.loadPage(0).getBounds();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]); // A4 in points
    // The font is embedded as a subset (a tag like ABCDEF+ before its name), not the 10 MB file.
    expect(res.raw.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);
    expect(res.raw.length).toBeLessThan(150_000);
  });

  it('prints a township of 30 villages in one go, every page scanning to its own village', async () => {
    const bigCounty = await county(t);
    const big = await township(t, bigCounty, { name: '三十村镇' });
    const thirty: Region[] = [];
    for (let i = 1; i <= 30; i++) thirty.push(await village(t, big, { name: `第${i}村` }));
    const supervisor = await staffAccount(t, 'county_supervisor', bigCounty);
    const started = performance.now();
    const res = await t.call(contract.poster.pdf, { query: { township: big.code } }, supervisor);
    const ms = Math.round(performance.now() - started);
    expect(readPosters(res.raw).map((p) => p.qr)).toEqual(thirty.map((v) => LINK(v.code)));
    expect(res.raw.length).toBeLessThan(300_000);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `30-villages-${kind}.pdf`), res.raw);
    writeFileSync(join(ARTIFACTS, `30-villages-${kind}.json`), JSON.stringify({ villages: 30, bytes: res.raw.length, ms }));
  });

  it('prints a QR code at least 8 cm a side with a clear quiet zone', async () => {
    const res = await t.call(contract.poster.pdf, { query: { village: villages[0]!.code } }, handler);
    const doc = mupdf.Document.openDocument(res.raw, 'application/pdf');
    expect(doc.countPages()).toBe(1);
    // Rendered at 1 px per point: find the dark modules' extent and the white around them.
    const { grey: px, width: w, height: h } = renderGrey(doc.loadPage(0));
    const decoded = jsQR.default(rgbaOf(px), w, h);
    expect(decoded?.data).toBe(LINK(villages[0]!.code));
    const { topLeftCorner: tl, topRightCorner: tr, bottomRightCorner: br } = decoded!.location;
    const side = Math.hypot(tr.x - tl.x, tr.y - tl.y);
    expect(side / (72 / 2.54)).toBeGreaterThanOrEqual(8); // centimetres
    // Four modules of white all round (less a pixel for the frame drawn at its edge).
    const quiet = 4 * (side / (17 + 4 * decoded!.version)) - 1;
    let dark = 0;
    for (let y = Math.floor(tl.y - quiet); y < Math.ceil(br.y + quiet); y++) {
      for (let x = Math.floor(tl.x - quiet); x < Math.ceil(br.x + quiet); x++) {
        const inCode = x >= tl.x - 1 && x <= br.x + 1 && y >= tl.y - 1 && y <= br.y + 1;
        if (!inCode && px[y * w + x]! < 200) dark++;
      }
    }
    expect(dark).toBe(0);
  });

  it('gives the county every township of its county, a village alone too', async () => {
    const township = await t.call(contract.poster.pdf, { query: { township: shimenVillage.code.slice(0, 9) } }, countySupervisor);
    expect(readPosters(township.raw).map((p) => p.qr)).toEqual([LINK(shimenVillage.code)]);
    const one = await t.call(contract.poster.pdf, { query: { village: villages[1]!.code } }, countySupervisor);
    expect(readPosters(one.raw).map((p) => p.qr)).toEqual([LINK(villages[1]!.code)]);
  });

  it('prints the national 12388 line where the township has set no hotline', async () => {
    const itsCounty = await county(t);
    const quiet = await township(t, itsCounty, { name: '无号乡' });
    const only = await village(t, quiet, { name: '新村' });
    await t.app.get(DataSource).getRepository(RegionEntity).update({ code: quiet.code }, { hotline: null });
    const supervisor = await staffAccount(t, 'county_supervisor', itsCounty);
    const [page] = readPosters((await t.call(contract.poster.pdf, { query: { village: only.code } }, supervisor)).raw);
    expect(page?.text).toContain('纪检监察举报电话：12388');
    expect(page?.text).not.toContain('无号乡纪委举报电话');
  });

  it('serves the same posters as a print page of A4 sections, names escaped', async () => {
    const res = await t.call(contract.poster.html, { query: { township: shimenVillage.code.slice(0, 9) } }, shimenHandler);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('@page { size: A4');
    expect(res.text.match(/<section class="poster"/g)).toHaveLength(1);
    expect(res.text).toContain('李&amp;张&lt;村&gt;');
    expect(res.text).not.toContain('李&张<村>');
    const township = await t.call(contract.poster.html, { query: { township: taoyuan.code } }, handler);
    expect(township.text.match(/<section class="poster"/g)).toHaveLength(3);
  });

  it('refuses posters outside the jurisdiction, and to staff who do not print them', async () => {
    const cases: [StaffFixture | undefined, Record<string, string>, string][] = [
      [shimenHandler, { township: taoyuan.code }, 'FORBIDDEN'],
      [shimenHandler, { village: villages[0]!.code }, 'FORBIDDEN'],
      [otherCountySupervisor, { township: taoyuan.code }, 'FORBIDDEN'],
      [publisher, { village: villages[0]!.code }, 'FORBIDDEN'],
      [undefined, { township: taoyuan.code }, 'UNAUTHENTICATED'],
    ];
    for (const [who, query, code] of cases) {
      for (const route of [contract.poster.pdf, contract.poster.html]) {
        const res = await t.call(route, { query }, who);
        expect({ query, code: res.error.code }).toEqual({ query, code });
      }
    }
  });

  it('answers a malformed or missing code as a field error, an unknown one as not found', async () => {
    const bad = await t.call(contract.poster.pdf, { query: { township: '34182110' } }, countySupervisor);
    expect(bad.status).toBe(400);
    expect(bad.error.code).toBe('VALIDATION_FAILED');
    expect(bad.error.details).toEqual([{ field: 'query.township', message: '乡镇代码应为9位数字' }]);
    for (const query of [{}, { township: taoyuan.code, village: villages[0]!.code }]) {
      const res = await t.call(contract.poster.pdf, { query }, countySupervisor);
      expect(res.error.code).toBe('VALIDATION_FAILED');
      expect(res.error.details).toEqual([{ field: 'query.township', message: '请选择一个乡镇或一个村（二者选一）' }]);
    }
    const village = await t.call(contract.poster.html, { query: { village: villages[0]!.code.slice(0, 9) + '999' } }, countySupervisor);
    expect([village.status, village.error.code]).toEqual([404, 'NOT_FOUND']);
    const township = await t.call(contract.poster.pdf, { query: { township: taoyuan.code.slice(0, 6) + '999' } }, countySupervisor);
    expect([township.status, township.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
