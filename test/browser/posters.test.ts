import { mkdirSync, readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import * as mupdf from 'mupdf';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

// jsQR is CommonJS with `exports.default`: Node's ESM import hands over the whole `exports`, which
// test/'s bundler-style type check does not know.
const decodeQr = (jsQR as unknown as { default: typeof jsQR }).default;

/** Where the poster shots go besides the suite's own folder: the A4 print page, to look at. */
const SHOTS = '/tmp/shots';
const TAOYUAN_VILLAGES = ['东山村', '西河村', '柳塘村'];

/** The QR codes of a PDF's pages, read from a grey rendering at 72 dpi. */
function codesOf(pdf: Buffer): (string | null)[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const codes: (string | null)[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const pixmap = doc.loadPage(i).toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceRGB, false);
    const rgb = pixmap.getPixels();
    const rgba = new Uint8ClampedArray((rgb.length / 3) * 4);
    for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) rgba.set([rgb[p]!, rgb[p + 1]!, rgb[p + 2]!, 255], q);
    codes.push(decodeQr(rgba, pixmap.getWidth(), pixmap.getHeight())?.data ?? null);
  }
  return codes;
}

async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/staff/pages/login/index`);
  await page.getByTestId('login-username').locator('input').fill(username);
  await page.getByTestId('login-password').locator('input').fill('mashang-demo-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('staff-name').waitFor();
}

/** The poster page on SQLite with the demo county; the routes' access rules are tested on both databases by the server. */
describe('township and county staff print the QR posters (H5)', () => {
  let page: Page;

  const h5 = useServerAndBrowser('sqlite', {
    pages: async (browser) => {
      page = await phonePage(browser);
    },
  });
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it('lets the county pick a township and download its posters as one PDF, a page per village', async () => {
    await signIn(page, h5.url, 'county');
    await page.getByTestId('nav-posters').click();
    await page.getByTestId('poster-township').waitFor();
    expect(await page.locator('.s-h1').textContent()).toBe('打印二维码海报');
    await page.getByTestId('poster-township').selectOption('341821102');
    expect(await page.getByTestId('poster-summary').textContent()).toBe('桃源镇：3张海报，每村一张');
    await screenshot(page, 'posters-1-county');
    await page.screenshot({ path: `${SHOTS}/h8-staff-posters.png` });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('poster-pdf').click()]);
    expect(download.suggestedFilename()).toBe('桃源镇二维码海报.pdf');
    const codes = codesOf(readFileSync(await download.path()));
    expect(codes).toHaveLength(3);
    expect(codes.every((code) => /^https?:\/\/[^/]+\/v\/3418211022\d\d$/.test(code ?? ''))).toBe(true);
  });

  it('opens a print page that prints as A4 pages, one per village, each code scanning to its village', async () => {
    const [printPage] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('poster-print').click()]);
    await printPage.waitForLoadState();
    expect(new URL(printPage.url()).pathname).toBe('/api/v1/staff/posters.html');
    expect(await printPage.locator('.village').allTextContents()).toEqual(TAOYUAN_VILLAGES);
    // Printed by the browser itself, at the page's own A4 size.
    const printed = await printPage.pdf({ preferCSSPageSize: true, printBackground: true });
    const doc = mupdf.Document.openDocument(printed, 'application/pdf');
    expect(doc.countPages()).toBe(3);
    const [, , width, height] = doc.loadPage(0).getBounds();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const codes = codesOf(Buffer.from(printed));
    expect(codes.map((code) => code?.replace(/^.*\/v\//, ''))).toEqual(['341821102201', '341821102202', '341821102203']);
    // The first page as it prints, at A4 (96 px per inch), to look at: a PC's window, as staff print from a PC.
    const a4 = await h5.browser.newContext({ viewport: { width: 794, height: 1123 }, locale: 'zh-CN' });
    await a4.addCookies(await page.context().cookies());
    const sheet = await a4.newPage();
    await sheet.goto(printPage.url());
    await sheet.emulateMedia({ media: 'print' });
    await sheet.screenshot({ path: `${SHOTS}/h8-print-a4.png` });
    await sheet.emulateMedia({ media: 'screen' });
    await sheet.screenshot({ path: `${SHOTS}/h8-print-screen.png` });
    await a4.close();
    await printPage.close();
  });

  it('gives the township handler its own villages, one village alone too', async () => {
    await page.getByTestId('logout').click();
    await signIn(page, h5.url, 'taoyuan');
    await page.getByTestId('nav-posters').click();
    await page.getByTestId('poster-village').waitFor();
    expect(await page.getByTestId('poster-township').count()).toBe(0);
    expect(await page.getByTestId('poster-summary').textContent()).toBe('桃源镇：3张海报，每村一张');
    await page.getByTestId('poster-village').selectOption('341821102201');
    expect(await page.getByTestId('poster-summary').textContent()).toBe('桃源镇东山村：1张海报');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('poster-pdf').click()]);
    expect(download.suggestedFilename()).toBe('桃源镇东山村二维码海报.pdf');
    await screenshot(page, 'posters-2-township');
  });
});
