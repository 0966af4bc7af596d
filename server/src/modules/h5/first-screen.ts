import type { VillagePage } from '@mashang/shared';

/**
 * The village's first screen, written into the H5 shell by the server so a phone on a weak
 * network reads the village's name, taps 我要反映 or calls the hotline before any script has
 * arrived. The shell's `<main id="first-screen">` (src/index.html) is replaced; the app removes it
 * once its own page has rendered (app.tsx).
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Village names and hotlines are data: escaped for text and for double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A JSON value inside `<script type="application/json">`: no `<` can close the element. */
function jsonForScript(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const FIRST_SCREEN = /<main id="first-screen"[\s\S]*?<\/main>/;
const TITLE = /<title>[\s\S]*?<\/title>/;
const SCRIPT_FILES = /<script\b[^>]*\bsrc=[^>]*><\/script>/g;

/** The shell with its first screen and title replaced; `extraHead` lands before `</head>`. */
function fill(shell: string, title: string, main: string, extraHead = ''): string {
  return shell
    .replace(TITLE, () => `<title>${escapeHtml(title)}</title>`)
    .replace(FIRST_SCREEN, () => main)
    .replace('</head>', () => `${extraHead}</head>`);
}

/** A tel: link keeps digits and the separators people write (0554-1234567). */
function telHref(hotline: string): string {
  return `tel:${hotline.replace(/[^\d+]/g, '')}`;
}

export function villageFirstScreen(shell: string, page: VillagePage, pageJson: string): string {
  const { village, township, county } = page;
  const reportHref = `/pages/report/index?code=${encodeURIComponent(village.code)}`;
  const hotline = township.hotline
    ? `<a class="first-screen__hotline" href="${escapeHtml(telHref(township.hotline))}" data-testid="first-screen-hotline">` +
      `<span class="first-screen__muted">${escapeHtml(township.name)}纪委电话：</span>` +
      `<span class="first-screen__phone">${escapeHtml(township.hotline)}</span></a>`
    : '';
  const main =
    `<main id="first-screen" class="first-screen" data-village="${escapeHtml(village.code)}">` +
    `<div class="first-screen__head"><h1 class="first-screen__name" data-testid="village-name">${escapeHtml(village.name)}</h1>` +
    `<p class="first-screen__muted">${escapeHtml(county.name)} ${escapeHtml(township.name)}</p></div>` +
    `<div class="first-screen__card"><p>发现村干部办事不公、钱物不清，可以直接向乡镇纪委反映，不用登录。</p>` +
    `<a class="first-screen__button" href="${escapeHtml(reportHref)}" data-testid="first-screen-report">我要反映</a>${hotline}` +
    // A returning reporter's way back in, right under 我要反映 as on the app's page.
    `<a class="first-screen__button first-screen__button--secondary" href="/pages/lookup/index">查询反映进度</a></div>` +
    `<p class="first-screen__loading" role="status">正在加载权力清单和三务公开……</p></main>`;
  // The page's data travels with the HTML: the app reads it instead of asking again (services/api.ts).
  // A data block is not script: the CSP does not apply to it and it never runs.
  const data = `<script type="application/json" id="village-page-data">${jsonForScript(pageJson)}</script>`;
  return fill(shell, `${village.name} · 码上监督`, main, data);
}

export function villageNotFoundScreen(shell: string): string {
  const main =
    `<main id="first-screen" class="first-screen first-screen--final" data-testid="no-village">` +
    `<div class="first-screen__card"><h1 class="first-screen__title">没有找到这个村</h1>` +
    `<p>这个二维码对应的村不存在或已经停用。请回到村里的公示栏，用微信或手机相机重新扫一扫“码上监督”海报上的二维码。</p>` +
    `<p class="first-screen__muted">如果已经反映过问题，可以用查询码查看办理进度。</p></div>` +
    `<a class="first-screen__button first-screen__button--secondary" href="/pages/lookup/index">查询反映进度</a></main>`;
  // A final answer: no app starts behind it to ask again.
  return fill(shell, '没有找到这个村 · 码上监督', main).replace(SCRIPT_FILES, '');
}
