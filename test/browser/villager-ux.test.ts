import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { useServerAndBrowser } from './support/server-and-browser.js';
import type { RunningServer } from './support/server.js';

const VILLAGE = '341821102201';
const SHOTS = '/tmp/shots';

interface Phone {
  width: number;
  height: number;
  /** The browser's own default text size, as a reader sets it (16 px unless changed). */
  fontSize?: number;
}

/** A phone of the given size whose reader may have set a larger text size in the browser. */
async function phone(browser: Browser, { width, height, fontSize }: Phone): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  if (fontSize) {
    // Chromium's own text-size setting, as a reader with weak eyes sets it; the page must scale with it.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: fontSize, fixed: fontSize } });
  }
  return { context, page };
}

/** What the phone's screen shows, after Taro's slide-in has finished. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForFunction(() => {
    const pages = document.querySelectorAll('.taro_page');
    const current = pages[pages.length - 1];
    return !current || Math.abs(current.getBoundingClientRect().left) < 1;
  });
  await page.screenshot({ path: `${SHOTS}/h5-${name}.png` });
}

/** The widest thing on the page against the screen: the document and Taro's own scrolling page. */
function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; widest: string }> {
  return page.evaluate(() => {
    const scroller = document.scrollingElement!;
    let widest = '';
    let right = 0;
    document.querySelectorAll('.taro_page:last-of-type *').forEach((el) => {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > right) {
        right = r.right;
        widest = `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} ${Math.round(r.right)}px`;
      }
    });
    const pageWidth = Math.max(...[...document.querySelectorAll('.taro_page')].map((p) => p.scrollWidth), 0);
    return { scrollWidth: Math.max(scroller.scrollWidth, pageWidth), innerWidth: window.innerWidth, widest };
  });
}

async function fileAnonymousReport(page: Page, server: RunningServer): Promise<string> {
  await page.goto(`${server.url}/pages/report/index?code=${VILLAGE}`);
  await page.getByTestId('track-petition').click();
  await page.getByTestId('mode-anonymous').click();
  await page.getByTestId('category-welfare_funds').click();
  await page.getByTestId('content-input').locator('textarea').fill('低保名单上有已经去世两年的人，还在领钱。');
  await page.getByTestId('submit-report').click();
  return eventually(
    async () => {
      const digits = ((await page.getByTestId('query-code').textContent()) ?? '').replace(/\D/g, '');
      expect(digits).toMatch(/^\d{25}$/);
      return digits;
    },
    { timeout: 20_000 },
  );
}

describe('the villager pages at any size (H5)', () => {
  let queryCode = '';

  const h5 = useServerAndBrowser('sqlite');

  it('keeps the receipt through a reload until the reporter says the code is kept', async () => {
    const { context, page } = await phone(h5.browser, { width: 375, height: 667 });
    queryCode = await fileAnonymousReport(page, h5.server);
    await shot(page, '375-receipt');
    expect(await page.getByText('反映编号').count()).toBe(0);

    await page.reload();
    await eventually(async () => expect(((await page.getByTestId('query-code').textContent()) ?? '').replace(/\D/g, '')).toBe(queryCode));
    expect(await page.getByTestId('receipt-summary').textContent()).toContain('低保名单上有已经去世两年的人');

    // 保存为图片: a picture with the code, downloaded, and shown to long-press where downloads are blocked.
    const download = page.waitForEvent('download');
    await page.getByTestId('save-receipt-image').click();
    const image = await download;
    expect(image.suggestedFilename()).toBe('码上监督回执.png');
    await image.saveAs(`${SHOTS}/h5-receipt-image.png`);
    await page.getByTestId('receipt-image').waitFor();

    // Leaving asks first; 还没有 keeps the receipt, 已记下 lets it go.
    await page.getByTestId('back-to-village').click();
    await eventually(async () => expect(await page.locator('.taro-modal__title').textContent()).toBe('您已记下查询码了吗？'));
    await page.locator('.taro-model__cancel').click();
    expect(await page.getByTestId('query-code').count()).toBe(1);
    await page.getByTestId('back-to-village').click();
    await page.locator('.taro-model__confirm').click();
    await eventually(async () => expect(await page.getByTestId('village-name').textContent()).toContain('东山村'));
    await page.goto(`${h5.url}/pages/receipt/index`);
    await eventually(async () => expect(await page.getByText('回执已经关闭').count()).toBe(1));
    await context.close();
  });

  it('looks a report up by a pasted code with dashes, and names the group of a mistyped one', async () => {
    const { context, page } = await phone(h5.browser, { width: 375, height: 667 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h5.url });
    await page.goto(`${h5.url}/pages/lookup/index`);
    const input = page.getByTestId('lookup-input').locator('input');

    // One digit left out of the second group.
    await input.fill(`${queryCode.slice(0, 5)} ${queryCode.slice(5, 9)} ${queryCode.slice(10)}`);
    await page.getByTestId('lookup-submit').click();
    await eventually(async () => expect(await page.getByTestId('error-lookup').textContent()).toBe('第2组是4位，每组应是5位数字'));
    await shot(page, '375-lookup-wrong-group');

    const dashed = queryCode.match(/.{5}/g)!.join('-');
    await page.evaluate((text) => navigator.clipboard.writeText(text), dashed);
    await input.fill('');
    await input.focus();
    await page.keyboard.press('Control+V');
    await eventually(async () => expect(await input.inputValue()).toBe(dashed));
    // All 25 digits are on screen, in their five groups.
    expect(await page.getByTestId('lookup-groups').textContent()).toBe(queryCode);
    await page.getByTestId('lookup-submit').click();
    await eventually(async () => expect(await page.getByTestId('lookup-result').count()).toBe(1), { timeout: 15_000 });
    await shot(page, '375-lookup-result');
    await context.close();
  });

  it('acts on a tappable button from the keyboard, as on a real one', async () => {
    const { context, page } = await phone(h5.browser, { width: 375, height: 667 });
    await page.goto(`${h5.url}/v/${VILLAGE}`);
    const report = page.getByTestId('report-button');
    await report.waitFor();
    expect(await report.getAttribute('role')).toBe('button');
    await report.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/pages\/report\/index/);
    await context.close();
  });

  it('sends an empty submit to the first field in error and focuses it', async () => {
    const { context, page } = await phone(h5.browser, { width: 375, height: 667 });
    await page.goto(`${h5.url}/pages/report/index?code=${VILLAGE}`);
    await page.getByTestId('submit-report').click();
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-track'));
    expect(await page.locator('#report-track').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('error-track').getAttribute('role')).toBe('alert');

    await page.getByTestId('track-petition').click();
    expect(await page.getByTestId('track-petition').getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('mode-anonymous').click();
    await page.getByTestId('category-other').click();
    await page.getByTestId('submit-report').click();
    // The text box itself, named by its label and described by its error.
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-content'));
    const box = page.locator('textarea#report-content');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await box.getAttribute('aria-describedby')).toContain('report-content-error');
    expect(await page.locator('label[for="report-content"]').count()).toBe(1);
    await shot(page, '375-report-first-error');

    // What was typed stays through a reload (the draft), until 清空.
    await box.fill('村里修路的钱一直没有公开账目');
    await page.reload();
    await eventually(async () => expect(await page.locator('textarea#report-content').inputValue()).toBe('村里修路的钱一直没有公开账目'));
    await context.close();
  });

  const sizes: Array<{ name: string } & Phone> = [
    { name: '375', width: 375, height: 667 },
    { name: '320', width: 320, height: 568 },
    { name: '375-2x', width: 375, height: 667, fontSize: 32 },
    { name: '320-2x', width: 320, height: 568, fontSize: 32 },
  ];

  it.each(sizes)('nothing runs off the side of a $name phone', async (size) => {
    const { context, page } = await phone(h5.browser, size);
    const pages: Array<[string, string, string]> = [
      ['village', `/v/${VILLAGE}`, 'village-name'],
      ['report', `/pages/report/index?code=${VILLAGE}`, 'submit-report'],
      ['lookup', '/pages/lookup/index', 'lookup-submit'],
      ['subsidy', `/pages/subsidy/index?code=${VILLAGE}`, 'subsidy-submit'],
      // 我的反映 as H5 opens it: the phone and SMS code sign-in.
      ['mine', '/pages/mine/index', 'mine-sign-in'],
    ];
    if (size.fontSize) {
      await page.goto(`${h5.url}/pages/lookup/index`);
      // The root doubles with the browser's text size: 20px on a 375px phone becomes 40px.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('40px');
    }
    for (const [name, path, ready] of pages) {
      await page.goto(`${h5.url}${path}`);
      await page.getByTestId(ready).waitFor();
      await page.waitForLoadState('networkidle');
      const { scrollWidth, innerWidth, widest } = await overflow(page);
      // A failure names the page and its widest element.
      expect({ page: name, widest, fits: scrollWidth <= innerWidth }).toEqual({ page: name, widest, fits: true });
      await shot(page, `${size.name}-${name}`);
    }
    if (size.name === '375') {
      // 长辈模式: larger type, one column, the hotline a big button; kept across pages and reloads.
      await page.goto(`${h5.url}/v/${VILLAGE}`);
      await page.getByTestId('elder-toggle').click();
      await eventually(async () => expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true));
      expect(parseFloat(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize))).toBeCloseTo(25, 2);
      expect(await page.getByTestId('hotline').getAttribute('class')).toContain('btn');
      await shot(page, '375-elder-village');
      await page.goto(`${h5.url}/pages/report/index?code=${VILLAGE}`);
      await page.getByTestId('submit-report').waitFor();
      expect((await overflow(page)).scrollWidth).toBeLessThanOrEqual(375);
      await shot(page, '375-elder-report');
    }
    await context.close();
  });
});
