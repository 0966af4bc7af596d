import type { CalendarStatus, StaffSession } from '@mashang/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { desktopPage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

/** The admin's pages, on SQLite only: they hold no case data, and the staff flow covers MySQL. */
describe('an admin keeps accounts and the holiday calendar (H5)', () => {
  let page: Page;

  const h5 = useServerAndBrowser('sqlite', {
    pages: async (browser) => {
      page = await desktopPage(browser);
    },
  });

  it('signs in and lands on the admin page', async () => {
    await page.goto(`${h5.url}/staff/pages/login/index`);
    await screenshot(page, 'admin-1-login');
    await page.getByTestId('login-username').locator('input').fill('admin');
    await page.getByTestId('login-password').locator('input').fill('mashang-demo-2026');
    const answered = (path: string) => page.waitForResponse((response) => new URL(response.url()).pathname === `/api/v1${path}`);
    // What the page is told: who signed in, and the calendar the admin page asks for once it opens.
    const login = answered('/staff/login');
    const calendarAnswer = answered('/admin/calendar');
    await page.getByTestId('login-submit').click();
    expect((await login).status()).toBe(200);
    const { account } = (await (await login).json()) as StaffSession;
    expect(account.role).toBe('admin');
    const calendar = (await (await calendarAnswer).json()) as CalendarStatus;

    // The admin lands on their own page, not on the cases.
    await page.getByTestId('admin-link-admin-accounts').waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff/pages/admin/index');
    expect(await page.locator('.s-h1').textContent()).toBe('系统管理');
    expect(await page.getByText('这一页只对系统管理员开放。').count()).toBe(0);

    // A year missing from the holiday calendar is flagged up front, with a way to enter it.
    await eventually(async () =>
      expect(await page.getByTestId('admin-calendar-warning').allTextContents()).toEqual(
        calendar.warnings.map((warning) => `节假日安排缺失${warning}去录入`),
      ),
    );

    // Who is signed in: the name, then the region and the role in Chinese.
    const who = page.locator('.staff-bar__who');
    expect(await page.getByTestId('staff-name').textContent()).toBe(account.displayName);
    expect(await who.textContent()).toContain(`${account.regionName} · 系统管理员`);

    // The four admin areas as cards, in order, each with its title and what it is for.
    const cards = page.locator('[data-testid^="admin-link-"]');
    const sections = [
      ['admin-accounts', '账号管理', '重置密码'],
      ['admin-audit', '审计日志', '只读，不可删改'],
      ['admin-calendar', '节假日安排', '法定节假日和调休上班日'],
      ['admin-rules', '办理时限规则', '到期提醒和逾期提级'],
    ] as const;
    expect(await cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')))).toEqual(
      sections.map(([slug]) => `admin-link-${slug}`),
    );
    for (const [slug, title, purpose] of sections) {
      const card = page.getByTestId(`admin-link-${slug}`);
      expect(await card.locator('.s-h2').textContent()).toBe(title);
      expect(await card.textContent()).toContain(purpose);
    }

    // The bar links to the same four pages and to logout; there is no case work, and no link to the page itself.
    for (const [slug, title] of sections) expect(await page.getByTestId(`nav-${slug}`).textContent()).toBe(title);
    expect(await page.getByTestId('logout').textContent()).toBe('退出');
    for (const absent of ['nav-admin', 'nav-inbox', 'nav-county', 'nav-record']) expect(await page.getByTestId(absent).count()).toBe(0);
    await screenshot(page, 'admin-2-home');
  });

  it('creates an account and shows its temporary password once', async () => {
    await page.getByTestId('admin-link-admin-accounts').click();
    await eventually(async () => expect(await page.getByTestId('account-row').count()).toBeGreaterThanOrEqual(6));
    await page.getByTestId('account-create').click();
    await page.getByTestId('account-form-username').locator('input').fill('xihe-pub');
    await page.getByTestId('account-form-displayName').locator('input').fill('吴文书');
    await page.getByTestId('account-form-role').selectOption('village_publisher');
    await page.getByTestId('account-form-regionCode').locator('input').fill('341821102202');
    await page.getByTestId('account-submit').click();
    await eventually(async () => expect(await page.getByTestId('temporary-password').textContent()).toMatch(/[a-z2-9]{12}/));
    await screenshot(page, 'admin-3-account-created');
  });

  it('shows the holiday calendar with the server’s warning for a missing year', async () => {
    const session = (await (
      await fetch(`${h5.url}/api/v1/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'mashang-demo-2026' }),
      })
    ).json()) as StaffSession;
    const status = (await (
      await fetch(`${h5.url}/api/v1/admin/calendar`, { headers: { authorization: `Bearer ${session.token}` } })
    ).json()) as CalendarStatus;
    await page.goto(`${h5.url}/staff/pages/admin-calendar/index`);
    await eventually(async () => expect(await page.getByTestId('calendar-year-row').count()).toBeGreaterThanOrEqual(2));
    await eventually(async () => expect(await page.getByTestId('calendar-warning').count()).toBe(status.warnings.length));
    if (status.warnings.length) expect(await page.getByTestId('calendar-warning').first().textContent()).toContain('尚未录入');
    await screenshot(page, 'admin-4-calendar');
  });
});
