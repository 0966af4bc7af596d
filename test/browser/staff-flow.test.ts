import type { ReportReceipt } from '@mashang/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { desktopPage, phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';
import { DATABASE_KINDS } from './support/server.js';

const REPLY = '经核查，补贴名单已重新公示，多领的补贴已全部追回。';

async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/staff/pages/login/index`);
  await page.getByTestId('login-username').locator('input').fill(username);
  await page.getByTestId('login-password').locator('input').fill('mashang-demo-2026');
  await page.getByTestId('login-submit').click();
}

/** The 桃源镇 row of the county table, figure by figure. */
async function taoyuanFigures(page: Page): Promise<Record<string, string>> {
  const row = page.getByTestId('township-row').filter({ hasText: '桃源镇' });
  await row.waitFor();
  const figures: Record<string, string> = {};
  for (const key of ['received', 'acceptedOnTime', 'answeredOnTime', 'overdueNow', 'satisfaction']) {
    figures[key] = ((await row.getByTestId(`township-${key}`).textContent()) ?? '').trim();
  }
  return figures;
}

describe.each(DATABASE_KINDS)('a township answers a villager, the county watches (H5, %s)', (kind) => {
  let handler: Page;
  let county: Page;
  let reportNo = '';
  let queryCode = '';
  let before: Record<string, string> = {};

  const h5 = useServerAndBrowser(kind, {
    pages: async (browser) => {
      handler = await desktopPage(browser);
      county = await desktopPage(browser);
    },
  });
  beforeAll(async () => {
    const filed = await fetch(`${h5.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        idempotencyKey: `browser-staff-${kind}-${Date.now()}`,
        villageCode: '341821102201',
        mode: 'anonymous',
        track: 'accusation',
        category: 'welfare_funds',
        content: '村里今年的耕地地力保护补贴，有几户没种地的也领到了，种地的反而没领到。',
      }),
    });
    ({ reportNo, queryCode } = (await filed.json()) as ReportReceipt);
  });

  it('shows the county the township before the answer', async () => {
    await signIn(county, h5.url, 'county');
    await county.getByTestId('nav-county').click();
    before = await taoyuanFigures(county);
    // The report filed above and the demo's two late letters to 桃源镇 (one 督办ed, one accepted late).
    expect(before).toMatchObject({ received: '3', answeredOnTime: '0' });
    await screenshot(county, `${kind}-staff-1-county-before`);
  });

  it('lets the township handler find the report in the inbox', async () => {
    await signIn(handler, h5.url, 'taoyuan');
    const row = handler.getByTestId('case-row').filter({ hasText: reportNo });
    await row.waitFor();
    expect(await row.textContent()).toContain('东山村');
    await screenshot(handler, `${kind}-staff-2-inbox`);
    await row.click();
    await eventually(async () => expect(await handler.getByTestId('case-content').textContent()).toContain('耕地地力保护补贴'));
    await eventually(async () => expect(await handler.getByTestId('case-status').textContent()).toContain('待受理'));
    await screenshot(handler, `${kind}-staff-3-case`);
  });

  it('accepts the case and replies', async () => {
    await handler.getByTestId('action-accept').click();
    if (await handler.getByTestId('action-submit').isVisible()) await handler.getByTestId('action-submit').click();
    await eventually(async () => expect(await handler.getByTestId('case-status').textContent()).toContain('办理中'));
    await handler.getByTestId('action-reply').click();
    await handler.getByTestId('action-form-text').locator('textarea').fill(REPLY);
    await screenshot(handler, `${kind}-staff-4-reply-form`);
    await handler.getByTestId('action-submit').click();
    await eventually(async () => expect(await handler.getByTestId('case-status').textContent()).toContain('已答复'));
    await screenshot(handler, `${kind}-staff-5-replied`);
  });

  it('lets the villager read the reply by the query code and rate it', async () => {
    const phone = await phonePage(h5.browser);
    await phone.goto(`${h5.url}/pages/lookup/index`);
    await phone.getByTestId('lookup-input').locator('input').fill(queryCode);
    await phone.getByTestId('lookup-submit').click();
    await eventually(async () => expect(await phone.getByTestId('reply-text').textContent()).toContain(REPLY));
    await screenshot(phone, `${kind}-staff-6-villager-reads-reply`);
    await phone.getByTestId('rate-satisfied').click();
    await phone.getByTestId('rating-next').click();
    await phone.getByTestId('rating-save').click();
    await eventually(async () => expect(await phone.getByTestId('rating-given').textContent()).toContain('满意'));
    await screenshot(phone, `${kind}-staff-7-villager-rated`);
  });

  it('shows the county the township’s figures changed', async () => {
    await county.reload();
    const after = await eventually(async () => {
      const figures = await taoyuanFigures(county);
      expect(figures.answeredOnTime).toBe('1');
      return figures;
    });
    expect(after.received).toBe('3');
    expect(after.acceptedOnTime).toBe('1');
    expect(after.satisfaction).not.toBe(before.satisfaction);
    expect(after.satisfaction).toContain('100');
    await screenshot(county, `${kind}-staff-8-county-after`);
  });
});
