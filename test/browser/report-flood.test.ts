import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

const VILLAGE = '341821102201';

/**
 * Past the free rate the server asks for a proof of work: the form solves it in the page and files
 * the report without the villager doing anything. Every filing here is past the rate (none free),
 * at the shipped difficulty, so the time it takes is the figure for the notes.
 */
describe('a villager files while the village is flooded (H5)', () => {
  let page: Page;

  const h5 = useServerAndBrowser('sqlite', {
    env: { REPORTS_FREE_PER_ADDRESS: '0' },
    pages: async (browser) => {
      page = await phonePage(browser);
    },
  });

  it('solves the proof of work in the page, says why it takes longer, and shows the receipt', async () => {
    const asked: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/api/v1/reports')) asked.push(response.status());
    });
    await page.goto(`${h5.url}/v/${VILLAGE}`);
    await page.getByTestId('report-button').click();
    await page.getByTestId('track-accusation').click();
    await page.getByTestId('mode-anonymous').click();
    await page.getByTestId('category-welfare_funds').click();
    await page.getByTestId('content-input').locator('textarea').fill('村里今年的耕地地力保护补贴，有几户没种地的也领到了。');
    // The note shows only while the phone works, which can be brief: watch for it rather than race it.
    await page.evaluate(() => {
      const seen = window as unknown as { sawProofOfWorkNote?: boolean };
      seen.sawProofOfWorkNote = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="proof-of-work-note"]')) seen.sawProofOfWorkNote = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const started = Date.now();
    await page.getByTestId('submit-report').click();
    await page
      .getByTestId('proof-of-work-note')
      .waitFor({ state: 'visible', timeout: 15_000 })
      .then(() => screenshot(page, 'flood-1-working'))
      .catch(() => undefined); // the screenshot is for people to look at; the assertion is below
    await eventually(
      async () => expect(((await page.getByTestId('query-code').textContent()) ?? '').replace(/\D/g, '')).toMatch(/^\d{25}$/),
      {
        timeout: 60_000,
      },
    );
    const ms = Date.now() - started;
    expect(asked).toEqual([428, 201]);
    expect(await page.evaluate(() => (window as unknown as { sawProofOfWorkNote?: boolean }).sawProofOfWorkNote)).toBe(true);
    console.log(`proof of work in Chromium at the shipped difficulty: ${ms} ms from tap to receipt`);
    mkdirSync(new URL('../artifacts/', import.meta.url).pathname, { recursive: true });
    writeFileSync(new URL('../artifacts/proof-of-work-chromium.json', import.meta.url), JSON.stringify({ ms }));
  });
});
