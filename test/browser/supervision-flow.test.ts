import { copyFileSync, mkdirSync } from 'node:fs';
import type { ReportReceipt } from '@mashang/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';
import { DATABASE_KINDS } from './support/server.js';

const INSTRUCTION = '请于5日内入户核实补贴名单，并书面回复县纪委';
const ANSWER = '已入户核实，名单有误的两户已停发，多领的补贴本周内追回。';
const SHOTS = '/tmp/shots';

async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/staff/pages/login/index`);
  await page.getByTestId('login-username').locator('input').fill(username);
  await page.getByTestId('login-password').locator('input').fill('mashang-demo-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('staff-name').waitFor();
}

/** The phone's screen with `testId` scrolled into view, kept as a screenshot of the run and in /tmp/shots. */
async function shot(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).first().scrollIntoViewIfNeeded();
  await screenshot(page, name);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(new URL(`../artifacts/screenshots/${name}.png`, import.meta.url).pathname, `${SHOTS}/h7-${name}.png`);
}

/** A letter the township recorded 40 days after it came and never accepted: overdue, so the county may 督办 it. */
async function lateReport(base: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'taoyuan', password: 'mashang-demo-2026' }),
  });
  const { token } = (await login.json()) as { token: string };
  const receivedOn = new Date(Date.now() + 8 * 3600_000 - 40 * 86_400_000).toISOString().slice(0, 10);
  const filed = await fetch(`${base}/api/v1/staff/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      idempotencyKey: `browser-supervision-${Date.now()}`,
      villageCode: '341821102201',
      mode: 'anonymous',
      track: 'accusation',
      category: 'welfare_funds',
      content: '村里今年的耕地地力保护补贴，有几户没种地的也领到了，种地的反而没领到。',
      channel: 'letter',
      receivedOn,
    }),
  });
  return ((await filed.json()) as ReportReceipt).reportNo;
}

describe.each(DATABASE_KINDS)('the county 督办s a late case and reads the township’s answer (H5, 375×667, %s)', (kind) => {
  let county: Page;
  let township: Page;
  let reportNo = '';

  const h5 = useServerAndBrowser(kind, {
    pages: async (browser) => {
      county = await phonePage(browser);
      township = await phonePage(browser);
    },
  });
  beforeAll(async () => {
    reportNo = await lateReport(h5.url);
  });

  it('lets the county 督办 the overdue case with a date it picks', async () => {
    await signIn(county, h5.url, 'county');
    // Overdue, though not yet escalated, the case is one the county may press: it is on the county's 待办, named with its township.
    const row = county.getByTestId('case-row').filter({ hasText: reportNo });
    // The township is named once the county's villages are in (they may come after the cases).
    await eventually(async () => expect(await row.textContent()).toContain('桃源镇'));
    await shot(county, 'case-row', `${kind}-1-county-todo`);
    await row.click();
    await county.getByTestId('supervision-open-supervise').click();
    await county.getByTestId('supervision-text').locator('textarea').fill(INSTRUCTION);
    await county.getByTestId('supervision-days-5').click();
    await shot(county, 'supervision-form', `${kind}-2-county-supervise-form`);
    await county.getByTestId('supervision-submit').click();
    await eventually(async () => expect(await county.getByTestId('supervision-due').textContent()).toMatch(/^回复督办 .+，还剩5天$/));
    await shot(county, 'case-supervision', `${kind}-3-county-supervised`);
    // A 催办 on top: a dated line, no clock.
    await county.getByTestId('supervision-open-urge').click();
    await county.getByTestId('supervision-text').locator('textarea').fill('请抓紧受理');
    await county.getByTestId('supervision-submit').click();
    await eventually(async () => expect(await county.getByTestId('supervision-urge').textContent()).toContain('请抓紧受理'));
  });

  it('tells the township of the 督办 and the 催办 on its alerts page, one line each', async () => {
    await signIn(township, h5.url, 'taoyuan');
    await township.getByTestId('alerts-badge').click();
    const lines = township.getByTestId('alert-row').filter({ hasText: reportNo });
    await eventually(async () => expect(await lines.count()).toBe(2));
    const texts = await lines.allTextContents();
    expect(texts.find((t) => t.includes('县纪委督办'))).toMatch(/回复督办 .+，还剩5天/);
    expect(texts.find((t) => t.includes('县纪委催办'))).toContain('请抓紧受理');
    await shot(township, 'alert-row', `${kind}-4-township-alerts`);
  });

  it('puts the 督办 in the township’s 待办 with its clock; the township answers', async () => {
    await township.goto(`${h5.url}/staff/pages/inbox/index`);
    const row = township.getByTestId('case-row').filter({ hasText: reportNo });
    await row.waitFor();
    expect(await row.getByTestId('case-row-supervision').textContent()).toMatch(/^回复督办 .+，还剩5天$/);
    expect(await row.getByTestId('case-row-left').textContent()).toMatch(/^告知是否受理 .+，已逾期\d+天$/);
    await shot(township, 'case-row', `${kind}-5-township-todo`);
    await row.click();
    await township.getByTestId('supervision-open-answer').click();
    await township.getByTestId('supervision-text').locator('textarea').fill(ANSWER);
    await township.getByTestId('supervision-submit').click();
    await eventually(async () => expect(await township.getByTestId('supervision-answer').textContent()).toContain(ANSWER));
    await shot(township, 'case-supervision', `${kind}-6-township-answered`);
  });

  it('shows the county the answer', async () => {
    await county.reload();
    await eventually(async () => expect(await county.getByTestId('supervision-answer').textContent()).toContain(ANSWER));
    expect(await county.getByTestId('supervision-due').textContent()).toMatch(/已完成$/);
    await shot(county, 'supervision-answer', `${kind}-7-county-reads-answer`);
  });

  it('tells the county on its alerts page that the township answered, once, with the answer', async () => {
    await county.goto(`${h5.url}/staff/pages/alerts/index`);
    const lines = county.getByTestId('alert-row').filter({ hasText: reportNo });
    await eventually(async () => expect(await lines.count()).toBe(1));
    const text = await lines.first().textContent();
    expect(text).toContain('乡镇已回复督办');
    expect(text).toContain(ANSWER);
    await shot(county, 'alert-row', `${kind}-8-county-alerts-answered`);
  });
});
