import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VillagePage } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { county, powerItem, township, village, type Region } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SHELL =
  '<!doctype html><html><head><title>码上监督</title><script defer="defer" src="/js/app.js"></script></head>' +
  '<body><main id="first-screen" class="first-screen"><p>正在打开，请稍候……</p></main><div id="app"></div></body></html>';

function pageData(html: string): VillagePage {
  const json = /<script type="application\/json" id="village-page-data">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as VillagePage;
}

describe.each(DATABASE_KINDS)('the H5 first screen of /v/:code (%s)', (kind) => {
  let t: TestApp;
  let h5Dir: string;
  let home: Region;

  beforeAll(async () => {
    h5Dir = mkdtempSync(join(tmpdir(), 'mashang-h5-'));
    writeFileSync(join(h5Dir, 'index.html'), SHELL);
    t = await startTestApp(kind, { H5_DIR: h5Dir });
    const town = await township(t, await county(t), { name: '桃源镇', hotline: '0563-7021234' });
    home = await village(t, town, { name: '<b>东山村</b>' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  it('writes the village, escaped, with 我要反映 and the hotline as plain links, and its page data', async () => {
    const res = await t.request('GET', `/v/${home.code}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/html');
    expect(res.text).toContain('data-testid="village-name">&lt;b&gt;东山村&lt;/b&gt;</h1>');
    expect(res.text).not.toContain('<b>东山村');
    expect(res.text).toContain(`href="/pages/report/index?code=${home.code}"`);
    expect(res.text).toContain('href="tel:05637021234"');
    expect(pageData(res.text).village).toEqual({ code: home.code, name: '<b>东山村</b>' });
  });

  it('follows a change of the village content at once', async () => {
    await powerItem(t, home, { title: '新公布的权力事项' });
    const res = await t.request('GET', `/v/${home.code}`);
    const titles = pageData(res.text).powerList.flatMap((group) => group.items.map((item) => item.title));
    expect(titles).toContain('新公布的权力事项');
  });

  it('answers an unknown or malformed village code with one 404 page and no app script', async () => {
    for (const code of ['999999999999', 'abc']) {
      const res = await t.request('GET', `/v/${code}`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('没有找到这个村');
      expect(res.text).not.toContain('/js/app.js');
    }
  });

  it('serves the plain shell on the other app paths and points /favicon.ico at the build’s icon', async () => {
    const shell = await t.request('GET', '/pages/lookup/index');
    expect(shell.status).toBe(200);
    expect(shell.text).toBe(SHELL);
    const icon = await t.request('GET', '/favicon.ico');
    expect(icon.status).toBe(301);
    expect(icon.headers.location).toBe('/favicon.svg');
  });
});
