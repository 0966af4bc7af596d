import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

const SCREENSHOTS = new URL('../../artifacts/screenshots/', import.meta.url).pathname;

/** Debian's Chromium, as CI installs it; Playwright's own browser download cannot run here. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone the size of an ordinary Android handset. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

export async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Taro slides a new page in from the right: wait until it has arrived, or the shot shows an empty screen.
  await page.waitForFunction(() => {
    const pages = document.querySelectorAll('.taro_page');
    const current = pages[pages.length - 1];
    return !current || Math.abs(current.getBoundingClientRect().left) < 1;
  });
  // What the phone's screen shows: Taro pages scroll inside their own container, so a full-page shot misleads.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
