import { writeFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';
import { DATABASE_KINDS } from './support/server.js';

const VILLAGE = '341821102201';

describe.each(DATABASE_KINDS)('a villager scans the poster (H5, %s)', (kind) => {
  let page: Page;
  let queryCode = '';
  /** Everything the phone downloads along the whole path, for the notes. */
  let pathBytes = 0;

  const h5 = useServerAndBrowser(kind, {
    pages: async (browser) => {
      page = await phonePage(browser);
    },
  });
  afterAll(() => {
    if (kind === 'sqlite') console.log(`whole villager path: ${(pathBytes / 1024).toFixed(1)} KiB transferred`);
  });

  it('opens the village page from the poster link', async () => {
    const transferred: number[] = [];
    page.on('requestfinished', async (request) => {
      const { responseBodySize } = await request.sizes();
      transferred.push(responseBodySize);
      pathBytes += responseBodySize;
    });
    await page.goto(`${h5.url}/v/${VILLAGE}`);
    await eventually(async () => expect(await page.getByTestId('village-name').textContent()).toContain('东山村'));
    await eventually(async () => expect(await page.getByTestId('power-item-link').count()).toBeGreaterThanOrEqual(8));
    await eventually(async () => expect(await page.getByText('四议两公开').count()).toBeGreaterThan(0));
    await page.waitForLoadState('networkidle');
    await screenshot(page, `${kind}-1-village`);
    if (kind === 'sqlite') {
      // What a villager's phone downloads to show the page, as sent (compressed): a figure for the notes.
      const bytes = transferred.reduce((a, b) => a + b, 0);
      mkdirSync(new URL('../artifacts/', import.meta.url).pathname, { recursive: true });
      writeFileSync(
        new URL('../artifacts/village-page-transfer.json', import.meta.url),
        JSON.stringify({ bytes, requests: transferred.length }),
      );
      console.log(`village page: ${transferred.length} requests, ${(bytes / 1024).toFixed(1)} KiB transferred`);
    }
  });

  it('opens a power item and draws its process chart', async () => {
    await page.getByTestId('power-item-link').first().click();
    await eventually(async () => expect(await page.getByTestId('process-chart').count()).toBe(1));
    await eventually(async () => expect(await page.getByTestId('chart-step').count()).toBeGreaterThanOrEqual(6));
    await eventually(async () => expect(await page.getByTestId('process-chart').textContent()).toContain('村党组织提议'));
    await page.getByTestId('process-chart').scrollIntoViewIfNeeded();
    await screenshot(page, `${kind}-2-chart`);
  });

  it('files an anonymous report and reads the query code off the receipt', async () => {
    await page.goto(`${h5.url}/v/${VILLAGE}`);
    await page.getByTestId('report-button').click();
    await page.getByTestId('track-accusation').click();
    await page.getByTestId('mode-anonymous').click();
    await page.getByTestId('category-welfare_funds').click();
    await page.getByTestId('content-input').locator('textarea').fill('村里今年的耕地地力保护补贴，有几户没种地的也领到了。');
    await screenshot(page, `${kind}-3-report-form`);
    await page.getByTestId('submit-report').click();
    const digits = async () => ((await page.getByTestId('query-code').textContent()) ?? '').replace(/\D/g, '');
    queryCode = await eventually(
      async () => {
        const code = await digits();
        expect(code).toMatch(/^\d{25}$/);
        return code;
      },
      { timeout: 15_000 },
    );
    await screenshot(page, `${kind}-4-receipt`);
    // The villager must see the whole code without scrolling: it is the one thing on this page they need.
    const box = (await page.getByTestId('query-code').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(box.y + box.height).toBeLessThanOrEqual(667);
  });

  it('looks the report up by its query code and sees 待受理', async () => {
    await page.goto(`${h5.url}/pages/lookup/index`);
    await page.getByTestId('lookup-input').locator('input').fill(queryCode);
    await page.getByTestId('lookup-submit').click();
    await eventually(async () => expect(await page.getByTestId('report-status').textContent()).toContain('待受理'), { timeout: 15_000 });
    await screenshot(page, `${kind}-5-lookup`);
  });

  it('shows a field error instead of sending an incomplete report', async () => {
    await page.goto(`${h5.url}/pages/report/index?code=${VILLAGE}`);
    await page.getByTestId('submit-report').click();
    await eventually(async () => expect(await page.getByTestId('error-content').textContent()).toMatch(/[\u4e00-\u9fa5]/));
    await screenshot(page, `${kind}-6-form-errors`);
  });
});
