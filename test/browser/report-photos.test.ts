import type { ReportStatusView } from '@mashang/shared';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { desktopPage, phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';
import { DATABASE_KINDS } from './support/server.js';

const VILLAGE = '341821102201';

/** A phone photo with the camera's maker and a GPS position in its EXIF, as a phone saves it. */
async function phonePhoto(background: string): Promise<Buffer> {
  const noise = await sharp({
    create: { width: 1200, height: 900, channels: 3, background, noise: { type: 'gaussian', mean: 128, sigma: 30 } },
  })
    .raw()
    .toBuffer();
  return sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } })
    .composite([{ input: { create: { width: 600, height: 450, channels: 3, background } }, top: 225, left: 300 }])
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'QingshuiPhone', Model: 'QS-20' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 20/1 1512/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 58/1 3300/100' },
    })
    .toBuffer();
}

describe.each(DATABASE_KINDS)('a villager files a report with photos; the township sees them (H5, %s)', (kind) => {
  let phone: Page;
  let handler: Page;
  let reportNo = '';

  const h5 = useServerAndBrowser(kind, {
    pages: async (browser) => {
      phone = await phonePage(browser);
      handler = await desktopPage(browser);
    },
  });

  it('shows the limits first, sends two photos as they are picked, and files them with the report', async () => {
    await phone.goto(`${h5.url}/pages/report/index?code=${VILLAGE}`);
    await phone.getByTestId('track-accusation').click();
    await phone.getByTestId('mode-anonymous').click();
    await phone.getByTestId('category-construction').click();
    await phone.getByTestId('content-input').locator('textarea').fill('村东头的水泥路去年才修，现在已经裂开了，照片是上个月拍的。');
    expect(await phone.getByTestId('photo-limits').textContent()).toContain('最多 6 个，每个不超过 10MB');

    const chooser = phone.waitForEvent('filechooser');
    await phone.getByTestId('photo-add').click();
    await (
      await chooser
    ).setFiles([
      { name: 'IMG_20261020_093011.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto('#8d6e63') },
      { name: 'IMG_20261020_093045.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto('#607d8b') },
    ]);
    await eventually(async () => expect(await phone.getByTestId('photo-item').count()).toBe(2), { timeout: 20_000 });
    expect(await phone.getByTestId('photo-add').textContent()).toContain('还能加 4 个');
    await phone.getByTestId('photos-card').scrollIntoViewIfNeeded();
    await phone.getByTestId('photos-card').evaluate((card) => card.scrollIntoView({ block: 'center' }));
    await screenshot(phone, 'h5-report-two-photos');

    await phone.getByTestId('submit-report').click();
    const queryCode = await eventually(
      async () => {
        const digits = ((await phone.getByTestId('query-code').textContent()) ?? '').replace(/\D/g, '');
        expect(digits).toMatch(/^\d{25}$/);
        return digits;
      },
      { timeout: 20_000 },
    );
    const status = (await (
      await fetch(`${h5.url}/api/v1/reports/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ queryCode }),
      })
    ).json()) as ReportStatusView;
    reportNo = status.reportNo;
    expect(reportNo).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
  });

  it('shows the township handler both photos on the case, without their location, never cached', async () => {
    await handler.goto(`${h5.url}/staff/pages/login/index`);
    await handler.getByTestId('login-username').locator('input').fill('taoyuan');
    await handler.getByTestId('login-password').locator('input').fill('mashang-demo-2026');
    await handler.getByTestId('login-submit').click();
    await handler.waitForURL((url) => !url.pathname.startsWith('/staff/pages/login/'));
    await handler.goto(`${h5.url}/staff/pages/case/index?no=${reportNo}`);
    await eventually(async () => expect(await handler.getByTestId('case-photo').count()).toBe(2), { timeout: 20_000 });
    expect(await handler.getByTestId('case-photos').textContent()).toContain('反映人附的照片和文件（2）');
    // Each small copy has loaded: the session cookie went with it.
    await eventually(async () => {
      const widths = await handler
        .getByTestId('case-photo')
        .locator('img')
        .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
      expect(widths).toEqual([480, 480]);
    });
    const src = await handler.getByTestId('case-photo').first().locator('img').getAttribute('src');
    const full = await handler.evaluate(
      async (url) => {
        const response = await fetch(url, { credentials: 'same-origin' });
        const bytes = new Uint8Array(await response.arrayBuffer());
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          cache: response.headers.get('cache-control'),
          bytes: [...bytes],
        };
      },
      src!.replace('?size=thumb', ''),
    );
    expect(full).toMatchObject({ status: 200, type: 'image/jpeg', cache: 'no-store' });
    const meta = await sharp(Buffer.from(full.bytes)).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([1200, 900]);
    await handler.getByTestId('case-photos').scrollIntoViewIfNeeded();
    await screenshot(handler, 'h5-case-photos');
  });
});
