import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { launchBrowser, phonePage, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const VILLAGE = '341821102201';
/** Issue 10's slow-3G profile: 150 ms latency, 50 KB/s each way. */
const SLOW_3G = { offline: false, latency: 150, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 };

interface FirstVisit {
  /** Milliseconds from navigation start until the village name is on screen. */
  nameVisibleMs: number;
  /** Milliseconds until the app's own village page has rendered (the page is usable). */
  usableMs: number;
  /** Bytes on the wire (compressed, headers included) until the page is usable. */
  bytesUntilUsable: number;
  requestsUntilUsable: number;
}

/** A first visit to the poster link over the slow-3G profile, on a fresh phone (no cache). */
async function firstVisit(browser: Browser, url: string): Promise<FirstVisit> {
  const page = await phonePage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  let bytes = 0;
  let requests = 0;
  let counting = true;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    if (!counting) return;
    bytes += event.encodedDataLength;
    requests += 1;
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
  const usableMs = await page
    .waitForFunction(() => (document.querySelector('.taro_page [data-testid="report-button"]') ? performance.now() : false), undefined, {
      polling: 'raf',
      timeout: 30_000,
    })
    .then((handle) => handle.jsonValue() as Promise<number>);
  counting = false;
  await screenshot(page, 'first-screen-slow-3g');
  await page.context().close();
  return { nameVisibleMs, usableMs, bytesUntilUsable: bytes, requestsUntilUsable: requests };
}

describe('the first screen on a weak network (H5, sqlite)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer('sqlite');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the village name quickly on slow 3G and stays within budget until usable', async () => {
    // Warm the server's caches once so the figure is the network's, not a cold database's.
    await fetch(`${server.url}/api/v1/villages/${VILLAGE}`);
    const visit = await firstVisit(browser, `${server.url}/v/${VILLAGE}`);
    const figures = {
      ...visit,
      nameVisibleMs: Math.round(visit.nameVisibleMs),
      usableMs: Math.round(visit.usableMs),
      kibUntilUsable: Number((visit.bytesUntilUsable / 1024).toFixed(1)),
    };
    mkdirSync(new URL('../artifacts/', import.meta.url).pathname, { recursive: true });
    writeFileSync(new URL('../artifacts/first-screen.json', import.meta.url), JSON.stringify(figures, null, 2));
    console.log(
      `slow 3G first visit: village name at ${figures.nameVisibleMs} ms, usable at ${figures.usableMs} ms, ` +
        `${figures.kibUntilUsable} KiB in ${figures.requestsUntilUsable} requests`,
    );
    // Generous bounds: CI machines are busy; the figures above are the measurement.
    expect(visit.nameVisibleMs).toBeLessThan(5_000);
    expect(visit.usableMs).toBeLessThan(15_000);
  });
});
