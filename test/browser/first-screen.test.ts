import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

const VILLAGE = '341821102201';
/** Issue 10's slow-3G profile: 150 ms latency, 50 KB/s each way. */
const SLOW_3G = { offline: false, latency: 150, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 };

interface FirstVisit {
  /** Milliseconds from navigation start until the village name is on screen. */
  nameVisibleMs: number;
  /** Milliseconds until the app's own village page has rendered. */
  appRenderedMs: number;
  /** Bytes on the wire (compressed, headers included) until then. */
  bytesUntilApp: number;
  requestsUntilApp: number;
  /** What each of those requests was: path and bytes on the wire, largest first. */
  transfers: { path: string; bytes: number }[];
  /** Bytes of the HTML alone: what the first screen (name, 我要反映, hotline) needs. */
  htmlBytes: number;
  /** Console errors on the way (a CSP violation, a failed asset): none expected. */
  consoleErrors: string[];
}

/** A first visit to the poster link over the slow-3G profile, on a fresh phone (no cache). */
async function firstVisit(browser: Browser, url: string): Promise<FirstVisit> {
  const page = await phonePage(browser);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  let bytes = 0;
  let requests = 0;
  let htmlBytes = 0;
  let counting = true;
  const documentIds = new Set<string>();
  const paths = new Map<string, string>();
  const transfers: { path: string; bytes: number }[] = [];
  cdp.on('Network.requestWillBeSent', (event: { requestId: string; type?: string; request: { url: string } }) => {
    if (event.type === 'Document') documentIds.add(event.requestId);
    paths.set(event.requestId, new URL(event.request.url).pathname);
  });
  cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
    if (documentIds.has(event.requestId)) htmlBytes = event.encodedDataLength;
    if (!counting) return;
    bytes += event.encodedDataLength;
    requests += 1;
    transfers.push({ path: paths.get(event.requestId) ?? '?', bytes: event.encodedDataLength });
  });
  await page.goto(url, { waitUntil: 'commit' });
  // Polled every frame in the page, timed by the page's own clock (0 = navigation start).
  const nameVisibleMs = await page
    .waitForFunction(
      () => {
        const name = document.querySelector('[data-testid="village-name"]');
        return name && name.getBoundingClientRect().height > 0 && name.textContent?.includes('东山村') ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 30_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
  await screenshot(page, 'first-screen-1-slow-3g-shell');
  const appRenderedMs = await page
    .waitForFunction(() => (document.querySelector('.taro_page [data-testid="report-button"]') ? performance.now() : false), undefined, {
      polling: 'raf',
      timeout: 30_000,
    })
    .then((handle) => handle.jsonValue() as Promise<number>);
  counting = false;
  // The app took over: the server's first screen is gone, the app's page shows.
  await eventually(async () => expect(await page.locator('#first-screen').count()).toBe(0));
  await screenshot(page, 'first-screen-2-slow-3g-app');
  await page.context().close();
  transfers.sort((a, b) => b.bytes - a.bytes);
  return { nameVisibleMs, appRenderedMs, bytesUntilApp: bytes, requestsUntilApp: requests, transfers, htmlBytes, consoleErrors };
}

describe('the first screen on a weak network (H5, sqlite)', () => {
  const h5 = useServerAndBrowser('sqlite');

  it('holds the village name, 我要反映 and the hotline in the HTML, before any script runs', async () => {
    const context = await h5.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 667 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const answer = await page.goto(`${h5.url}/v/${VILLAGE}`);
    expect(answer?.status()).toBe(200);
    expect(await page.title()).toContain('东山村');
    await expect(page.getByTestId('village-name').textContent()).resolves.toBe('东山村');
    // Plain links: they work with no script at all.
    await expect(page.getByTestId('first-screen-report').getAttribute('href')).resolves.toBe(`/pages/report/index?code=${VILLAGE}`);
    await expect(page.getByTestId('first-screen-hotline').getAttribute('href')).resolves.toMatch(/^tel:\d+$/);
    await page.screenshot({ path: new URL('../artifacts/screenshots/first-screen-0-no-script.png', import.meta.url).pathname });
    await context.close();
  });

  it('shows the village name quickly on slow 3G, then hands over to the app without a blank', async () => {
    // Warm the server's cache once so the figure is the network's, not a cold database's.
    await fetch(`${h5.url}/api/v1/villages/${VILLAGE}`);
    const visit = await firstVisit(h5.browser, `${h5.url}/v/${VILLAGE}`);
    const figures = {
      nameVisibleMs: Math.round(visit.nameVisibleMs),
      appRenderedMs: Math.round(visit.appRenderedMs),
      kibUntilApp: Number((visit.bytesUntilApp / 1024).toFixed(1)),
      requestsUntilApp: visit.requestsUntilApp,
      htmlKib: Number((visit.htmlBytes / 1024).toFixed(1)),
      transfers: visit.transfers,
    };
    mkdirSync(new URL('../artifacts/', import.meta.url).pathname, { recursive: true });
    writeFileSync(new URL('../artifacts/first-screen.json', import.meta.url), JSON.stringify(figures, null, 2));
    console.log(
      `slow 3G first visit: village name at ${figures.nameVisibleMs} ms (HTML ${figures.htmlKib} KiB); ` +
        `app page at ${figures.appRenderedMs} ms after ${figures.kibUntilApp} KiB in ${figures.requestsUntilApp} requests`,
    );
    // Generous bounds for a busy CI machine; the figures above are the measurement (goal: name within 1.5 s).
    expect(visit.nameVisibleMs).toBeLessThan(5_000);
    expect(visit.appRenderedMs).toBeLessThan(15_000);
    // Issue 9's goal: at most 100 KiB on the wire before the app's village page is usable. Bytes do not depend on
    // the machine's speed. 281.7 KiB when the issue was opened; 114.1 before View and Text became plain elements (no
    // web-component runtime on this page) and Taro's weui font and style-loader runtime went; 91.0 after.
    expect(visit.bytesUntilApp).toBeLessThanOrEqual(100 * 1024);
    // The page data travels as a JSON data block, which the CSP leaves alone; the favicon is found.
    expect(visit.consoleErrors).toEqual([]);
  });

  it('answers an unknown village with one clear 404 page and no app behind it', async () => {
    const page = await phonePage(h5.browser);
    const answer = await page.goto(`${h5.url}/v/999999999999`);
    expect(answer?.status()).toBe(404);
    await expect(page.getByTestId('no-village').textContent()).resolves.toContain('没有找到这个村');
    expect(await page.locator('script[src]').count()).toBe(0);
    expect(await page.getByText('再试一次').count()).toBe(0);
    await screenshot(page, 'first-screen-3-unknown-village');
    await page.context().close();
  });

  it('serves a favicon and shows a loading state, never a blank, on other routes', async () => {
    const page = await phonePage(h5.browser);
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${h5.url}/pages/lookup/index`, { waitUntil: 'commit' });
    // Before the app: the shell's loading line; after it, the page itself.
    await eventually(async () => expect(await page.locator('#first-screen, .taro_page').count()).toBeGreaterThan(0));
    await eventually(async () => expect(await page.locator('#first-screen').count()).toBe(0));
    expect((await fetch(`${h5.url}/favicon.svg`)).headers.get('content-type')).toContain('image/svg+xml');
    expect((await fetch(`${h5.url}/favicon.ico`)).url).toBe(`${h5.url}/favicon.svg`);
    expect(failed).toEqual([]);
    await page.context().close();
  });
});
