import type { Page } from 'playwright-core';
import { describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { desktopPage, phonePage } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

/** Records every CSP violation and console error a page meets, from before its first script runs. */
async function watch(page: Page): Promise<{ violations: string[]; errors: string[] }> {
  const seen = { violations: [] as string[], errors: [] as string[] };
  await page.exposeFunction('__cspViolation', (text: string) => seen.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  return seen;
}

// The policy is the same for every database: SQLite is enough here.
describe('the H5 build under its Content-Security-Policy', () => {
  const h5 = useServerAndBrowser('sqlite');

  it('shows the village page with no CSP violation', async () => {
    const page = await phonePage(h5.browser);
    const seen = await watch(page);
    const response = await page.goto(`${h5.url}/v/341821102201`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await eventually(async () => expect(await page.getByTestId('village-name').textContent()).toContain('东山村'));
    await page.waitForLoadState('networkidle');
    expect(seen.violations).toEqual([]);
    expect(seen.errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });

  it('signs staff in with an HttpOnly cookie and keeps no token where a script could read it', async () => {
    const page = await desktopPage(h5.browser);
    const seen = await watch(page);
    await page.goto(`${h5.url}/staff/pages/login/index`);
    await page.getByTestId('login-username').locator('input').fill('dongshan-pub');
    await page.getByTestId('login-password').locator('input').fill('mashang-demo-2026');
    const signedIn = page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/login') && r.status() === 200);
    await page.getByTestId('login-submit').click();
    const { token } = (await (await signedIn).json()) as { token: string };
    // The next page loads its data with the cookie alone.
    await page.waitForResponse((r) => r.url().includes('/api/v1/staff/') && !r.url().endsWith('/login') && r.status() === 200);
    await page.waitForLoadState('networkidle');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'mashang_staff');
    expect(cookie).toMatchObject({ value: token, httpOnly: true, sameSite: 'Strict', path: '/api' });
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }) + document.cookie);
    expect(stored).not.toContain(token);
    expect(seen.violations).toEqual([]);
  });
});
