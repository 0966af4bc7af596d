import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { ReportReceipt } from '@mashang/shared';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';
import { DATABASE_KINDS } from './support/server.js';

const VILLAGE = '341821102201';
const REPLY = '经核查，多领的补贴已全部追回，并重新公示了名单。如有疑问，请致电镇纪委0558-1234567。';
const SHOTS = new URL('../artifacts/screenshots/', import.meta.url).pathname;

/** The review copies the brief asks for, beside the suite's own. */
function keep(name: string): void {
  mkdirSync('/tmp/shots', { recursive: true });
  copyFileSync(`${SHOTS}${name}.png`, `/tmp/shots/h6-${name}.png`);
}

/** What a villager sees after asking: where the case is, the next date, and a finance table that reads right. */
describe.each(DATABASE_KINDS)('the status page and a finance disclosure (H5, %s)', (kind) => {
  let page: Page;
  let receipt: ReportReceipt;
  let token = '';

  const api = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${h5.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };

  const h5 = useServerAndBrowser(kind, {
    pages: async (browser) => {
      page = await phonePage(browser);
    },
  });
  beforeAll(async () => {
    receipt = (await api('/reports', {
      idempotencyKey: `browser-status-${kind}-${Date.now()}`,
      villageCode: VILLAGE,
      mode: 'real_name',
      reporter: { name: '张大山', phone: '13912345678' },
      track: 'accusation',
      category: 'welfare_funds',
      content: '村里今年的耕地地力保护补贴，有几户没种地的也领到了，种地的反而没领到。',
    })) as unknown as ReportReceipt;
    ({ token } = (await api('/staff/login', { username: 'taoyuan', password: 'mashang-demo-2026' })) as { token: string });
    await api(`/staff/cases/${receipt.reportNo}/actions`, { action: 'accept' }, token);
  });

  it('shows an accepted accusation on the five steps with the next date in plain words, never 检举控告', async () => {
    await page.goto(`${h5.url}/pages/lookup/index`);
    await page.getByTestId('lookup-input').locator('input').fill(receipt.queryCode);
    await page.getByTestId('lookup-submit').click();
    await eventually(async () => expect(await page.getByTestId('stepper').count()).toBe(1), { timeout: 15_000 });
    expect(await page.getByTestId('step-done').allTextContents()).toEqual(['✓已提交', '✓已受理']);
    expect(await page.getByTestId('step-current').textContent()).toBe('3办理中');
    expect(await page.getByTestId('next-step').textContent()).toMatch(/请在\d{4}年\d{1,2}月\d{1,2}日前后再来查看进展/);
    expect(await page.locator('body').textContent()).not.toContain('检举控告');
    // The steps fit the phone's width: nothing runs off the side.
    const box = (await page.getByTestId('stepper').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await page.getByTestId('report-progress').scrollIntoViewIfNeeded();
    await screenshot(page, `${kind}-status-accepted`);
    if (kind === 'sqlite') keep(`${kind}-status-accepted`);
  });

  it('shows the answer once with its phone number to tap, and rates it at five levels with reasons and a confirmation', async () => {
    await api(`/staff/cases/${receipt.reportNo}/actions`, { action: 'reply', text: REPLY }, token);
    await page.getByTestId('lookup-submit').click();
    await eventually(async () => expect(await page.getByTestId('step-current').textContent()).toBe('5待评价'), { timeout: 15_000 });
    expect(await page.getByTestId('reply-text').count()).toBe(1);
    expect(await page.getByTestId('phone-link').allTextContents()).toEqual(['0558-1234567']);
    await page.getByTestId('reply-text').scrollIntoViewIfNeeded();
    await screenshot(page, `${kind}-status-replied`);
    if (kind === 'sqlite') keep(`${kind}-status-replied`);

    await page.getByTestId('rate-unsatisfied').click();
    await page.getByTestId('reason-too_slow').click();
    await page.getByTestId('rating-form').scrollIntoViewIfNeeded();
    await screenshot(page, `${kind}-rating-reasons`);
    if (kind === 'sqlite') keep(`${kind}-rating-reasons`);
    await page.getByTestId('rating-next').click();
    expect(await page.getByTestId('rating-summary').textContent()).toBe('不满意，原因：办理太慢');
    await screenshot(page, `${kind}-rating-confirm`);
    if (kind === 'sqlite') keep(`${kind}-rating-confirm`);
    await page.getByTestId('rating-save').click();
    await eventually(async () => expect(await page.getByTestId('rating-given').textContent()).toBe('您的评价：不满意（办理太慢）'));
  });

  it('opens a finance disclosure with 收入 / 支出 / 结余, its 合计 a total and no list line', async () => {
    const list = (await (await fetch(`${h5.url}/api/v1/villages/${VILLAGE}/disclosures?kind=finance`)).json()) as {
      items: Array<{ id: number; title: string }>;
    };
    const october = list.items.find((d) => d.title.includes('2026年10月财务收支明细'))!;
    await page.goto(`${h5.url}/pages/disclosure/index?id=${october.id}&code=${VILLAGE}`);
    await eventually(async () => expect(await page.getByTestId('finance-summary').count()).toBe(1), { timeout: 15_000 });
    expect(await page.getByTestId('finance-in').textContent()).toBe('收入254,977.16元');
    expect(await page.getByTestId('finance-out').textContent()).toBe('支出142,154.50元');
    expect(await page.getByTestId('finance-left').textContent()).toBe('结余112,822.66元');
    await screenshot(page, `${kind}-finance-top`);
    if (kind === 'sqlite') keep(`${kind}-finance-top`);

    // Eleven lines with a question each; the 合计 is no line of its own.
    await eventually(async () => expect(await page.getByTestId('disclosure-row').count()).toBe(11));
    const lines = await page.getByTestId('disclosure-row').allTextContents();
    expect(lines.some((l) => l.includes('合计'))).toBe(false);
    expect(await page.getByTestId('disclosure-total').count()).toBe(1);
    expect(await page.getByTestId('disclosure-total').getByText('对此有疑问').count()).toBe(0);
    await page.getByTestId('disclosure-total').scrollIntoViewIfNeeded();
    await screenshot(page, `${kind}-finance-total`);
    if (kind === 'sqlite') keep(`${kind}-finance-total`);

    await page.getByTestId('table-search').locator('input').fill('路灯');
    await eventually(async () => expect(await page.getByTestId('disclosure-row').count()).toBe(1));
    await page.getByTestId('table-filter').scrollIntoViewIfNeeded();
    await screenshot(page, `${kind}-finance-search`);
    if (kind === 'sqlite') keep(`${kind}-finance-search`);

    // The villager's form names the line in words, as the officer will read it.
    await page.getByTestId('row-question').click();
    await eventually(async () =>
      expect(await page.getByTestId('report-about').textContent()).toBe(
        '您反映的是：《东山村2026年10月财务收支明细》中的一笔：支付村道路灯维修材料费，支出2,350.00元',
      ),
    );
    await screenshot(page, `${kind}-report-about`);
    if (kind === 'sqlite') keep(`${kind}-report-about`);
  });
});
