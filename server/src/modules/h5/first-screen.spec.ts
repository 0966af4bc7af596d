import { describe, expect, it } from '@jest/globals';
import type { VillagePage } from '@mashang/shared';
import { escapeHtml, villageFirstScreen, villageNotFoundScreen } from './first-screen.js';

const SHELL =
  '<!doctype html><html><head><title>码上监督</title><script>f()</script><script defer="defer" src="/js/app.js"></script></head>' +
  '<body><main id="first-screen" class="first-screen"><p>正在打开，请稍候……</p></main><div id="app"></div></body></html>';

function pageOf(name: string, hotline: string | null): VillagePage {
  return {
    village: { code: '341821102201', name },
    township: { code: '341821102', name: '桃源镇', hotline },
    county: { code: '341821', name: '青溪县' },
  } as VillagePage;
}

describe('the first screen written into the H5 shell', () => {
  it('writes the village name, the 我要反映 link and the hotline as a tel: link', () => {
    const page = pageOf('东山村', '0563-7021234');
    const html = villageFirstScreen(SHELL, page, JSON.stringify(page));
    expect(html).toContain('<title>东山村 · 码上监督</title>');
    expect(html).toContain('data-testid="village-name">东山村</h1>');
    expect(html).toContain('href="/pages/report/index?code=341821102201"');
    expect(html).toContain('href="tel:05637021234"');
    expect(html).not.toContain('正在打开');
    // The app's scripts stay: it takes over from the first screen.
    expect(html).toContain('src="/js/app.js"');
  });

  it('escapes a village name that is markup, in the text, the title and the page data', () => {
    const name = '</title><script>alert(1)</script>"\'&';
    const page = pageOf(name, null);
    const html = villageFirstScreen(SHELL, page, JSON.stringify(page));
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    // Inside the JSON data block no `<` can end the element.
    const data = /<script type="application\/json" id="village-page-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(data).not.toContain('<');
    expect((JSON.parse(data) as VillagePage).village.name).toBe(name);
    // No hotline, no empty tel: link.
    expect(html).not.toContain('tel:');
  });

  it('answers an unknown village with one message and no app script', () => {
    const html = villageNotFoundScreen(SHELL);
    expect(html).toContain('没有找到这个村');
    expect(html).not.toContain('src="/js/app.js"');
    // The inline font-size script (hashed in the CSP) is harmless and stays.
    expect(html).toContain('<script>f()</script>');
  });

  it('escapes every character that could leave a text node or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });
});
