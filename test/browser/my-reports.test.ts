import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type SmsStandIn, startSmsStandIn } from '../../server/test/stand-ins/sms-stand-in.js';
import { eventually } from '../support/jest-helpers.js';
import { phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';
import { DATABASE_KINDS } from './support/server.js';

const VILLAGE = '341821102201';
const PHONE = '13912345678';
const NO_REPORTS_PHONE = '13700001111';
const SHOTS = new URL('../artifacts/screenshots/', import.meta.url).pathname;

/** The review copies, beside the suite's own. */
function keep(name: string): void {
  mkdirSync('/tmp/shots', { recursive: true });
  copyFileSync(`${SHOTS}${name}.png`, `/tmp/shots/h11-${name}.png`);
}

const field = (page: Page, testId: string) => page.getByTestId(testId).locator('input, textarea').first();

/**
 * A real-name reporter in H5: files with their phone, then finds the report in 我的反映 by that phone
 * and a code the SMS provider (the Tencent Cloud stand-in) delivered, and opens it.
 */
describe.each(DATABASE_KINDS)('我的反映 by phone and SMS code (H5, %s)', (kind) => {
  let sms: SmsStandIn;
  let page: Page;

  beforeAll(async () => {
    sms = await startSmsStandIn();
  });
  afterAll(async () => {
    await sms?.close();
  });
  const h5 = useServerAndBrowser(kind, {
    env: () => sms.env,
    pages: async (browser) => {
      page = await phonePage(browser);
    },
  });

  /** Asks for a code, reads it off the stand-in as the phone would, and signs in with it. */
  async function signInByPhone(phone: string): Promise<void> {
    await page.goto(`${h5.url}/pages/mine/index`);
    await field(page, 'mine-phone').fill(phone);
    const before = sms.state.codesSentTo(phone).length;
    await page.getByTestId('send-code').click();
    await eventually(async () => expect(await page.getByTestId('code-sent').count()).toBe(1));
    // The button counts down before another code may be asked for.
    expect(await page.getByTestId('send-code').textContent()).toMatch(/^重新获取（\d+秒）$/);
    const code = await eventually(() => {
      const codes = sms.state.codesSentTo(phone);
      expect(codes.length).toBe(before + 1);
      return codes[codes.length - 1]!;
    });
    await field(page, 'mine-code').fill(code);
    await page.getByTestId('mine-sign-in').click();
  }

  it('files a real-name report with a phone, then lists it by that phone and opens its timeline', async () => {
    await page.goto(`${h5.url}/pages/report/index?code=${VILLAGE}`);
    await page.getByTestId('track-petition').click();
    await page.getByTestId('mode-real_name').click();
    await page.getByTestId('category-welfare_funds').click();
    await field(page, 'content-input').fill('村里今年的耕地补贴，有几户没种地的也领到了。');
    await field(page, 'name-input').fill('张大山');
    await field(page, 'phone-input').fill(PHONE);
    // SMS is configured: the reporter is told what a notice will (not) say. No WeChat button in H5.
    await eventually(async () =>
      expect(await page.getByTestId('sms-notice').textContent()).toBe('留了手机号的，办理有进展时会收到一条不含内容的短信。'),
    );
    expect(await page.getByTestId('wechat-phone').count()).toBe(0);
    await page.getByTestId('sms-notice').scrollIntoViewIfNeeded();
    await screenshot(page, `my-reports-${kind}-form-real-name`);
    await page.getByTestId('phone-input').scrollIntoViewIfNeeded();
    await screenshot(page, `my-reports-${kind}-form-name-phone`);
    if (kind === 'sqlite') keep(`my-reports-${kind}-form-real-name`);
    if (kind === 'sqlite') keep(`my-reports-${kind}-form-name-phone`);

    await page.getByTestId('submit-report').click();
    await eventually(
      async () => expect(((await page.getByTestId('query-code').textContent()) ?? '').replace(/\D/g, '')).toMatch(/^\d{25}$/),
      {
        timeout: 20_000,
      },
    );
    expect(await page.getByTestId('receipt-mine').count()).toBe(1);

    await signInByPhone(PHONE);
    const row = page.getByTestId('my-report');
    await eventually(async () => expect(await row.count()).toBe(1), { timeout: 15_000 });
    expect(await row.textContent()).toContain('东山村');
    expect(await row.textContent()).toContain('惠民资金');
    expect(await page.getByTestId('my-report-status').textContent()).toBe('待受理');
    expect(await page.getByTestId('my-report-next').textContent()).toMatch(/^接下来：.*\d{4}年\d{1,2}月\d{1,2}日/);
    // The report's own number is for staff only.
    expect(await page.locator('.taro_page:last-of-type').textContent()).not.toMatch(/[2-9A-HJKMNP-Z]{10}/);
    await screenshot(page, `my-reports-${kind}-list`);
    if (kind === 'sqlite') keep(`my-reports-${kind}-list`);

    await row.click();
    await page.waitForURL(/\/pages\/mine\/detail\/index\?ref=/);
    await eventually(async () => expect(await page.getByTestId('report-status').textContent()).toBe('待受理'));
    expect(await page.getByTestId('timeline').textContent()).toContain('收到');
    expect(await page.getByTestId('stepper').count()).toBe(1);
    await screenshot(page, `my-reports-${kind}-detail`);

    // Another person's phone on the same browser: 退出 first, and the next one sees only their own.
    await page.goto(`${h5.url}/pages/mine/index`);
    await page.getByTestId('mine-sign-out').click();
    await eventually(async () => expect(await page.getByTestId('phone-sign-in').count()).toBe(1));
  });

  it('explains an empty list: anonymous reports are followed with the query code', async () => {
    await signInByPhone(NO_REPORTS_PHONE);
    const empty = page.getByTestId('mine-empty');
    await eventually(async () => expect(await empty.count()).toBe(1), { timeout: 15_000 });
    expect(await empty.textContent()).toContain('匿名反映不和任何人关联');
    await screenshot(page, `my-reports-${kind}-empty`);
    if (kind === 'sqlite') keep(`my-reports-${kind}-empty`);
    await page.getByTestId('mine-lookup').click();
    await page.waitForURL(/\/pages\/lookup\/index/);
  });

  it('shows the sign-in by phone to someone not signed in, with the way to the query code', async () => {
    await page.goto(`${h5.url}/pages/mine/index`);
    await page.getByTestId('mine-sign-out').click();
    await eventually(async () => expect(await page.getByTestId('phone-sign-in').count()).toBe(1));
    await page.reload();
    await eventually(async () => expect(await page.getByTestId('phone-sign-in').count()).toBe(1));
    expect(await page.getByTestId('mine-lookup').count()).toBe(1);
    await screenshot(page, `my-reports-${kind}-signed-out`);
    if (kind === 'sqlite') keep(`my-reports-${kind}-signed-out`);
  });
});
