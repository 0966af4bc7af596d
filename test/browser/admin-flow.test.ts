import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopPage, launchBrowser, screenshot } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

/** The admin's pages, on SQLite only: they hold no case data, and the staff flow covers MySQL. */
describe('an admin keeps accounts and the holiday calendar (H5)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer('sqlite');
    browser = await launchBrowser();
    page = await desktopPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in and lands on the admin page', async () => {
    await page.goto(`${server.url}/staff/pages/login/index`);
    await screenshot(page, 'admin-1-login');
    await page.getByTestId('login-username').locator('input').fill('admin');
    await page.getByTestId('login-password').locator('input').fill('mashang-demo-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('admin-link-admin-accounts').waitFor();
    await screenshot(page, 'admin-2-home');
  });

  it('creates an account and shows its temporary password once', async () => {
    await page.getByTestId('admin-link-admin-accounts').click();
    await expect.poll(() => page.getByTestId('account-row').count()).toBeGreaterThanOrEqual(6);
    await page.getByTestId('account-create').click();
    await page.getByTestId('account-form-username').locator('input').fill('xihe-pub');
    await page.getByTestId('account-form-displayName').locator('input').fill('吴文书');
    await page.getByTestId('account-form-role').selectOption('village_publisher');
    await page.getByTestId('account-form-regionCode').locator('input').fill('341821102202');
    await page.getByTestId('account-submit').click();
    await expect.poll(() => page.getByTestId('temporary-password').textContent()).toMatch(/[a-z2-9]{12}/);
    await screenshot(page, 'admin-3-account-created');
  });

  it('shows the holiday calendar with the server’s warning for a missing year', async () => {
    const token = (await (await fetch(`${server.url}/api/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'mashang-demo-2026' }),
    })).json()) as { token: string };
    const status = (await (await fetch(`${server.url}/api/v1/admin/calendar`, { headers: { authorization: `Bearer ${token.token}` } })).json()) as {
      warnings: string[];
    };
    await page.goto(`${server.url}/staff/pages/admin-calendar/index`);
    await expect.poll(() => page.getByTestId('calendar-year-row').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('calendar-warning').count()).toBe(status.warnings.length);
    if (status.warnings.length) expect(await page.getByTestId('calendar-warning').first().textContent()).toContain('尚未录入');
    await screenshot(page, 'admin-4-calendar');
  });
});
