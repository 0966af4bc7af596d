import { POSTER_TEXT, type PosterPage, QUIET_ZONE_MODULES, darkRuns, printedLink } from './poster-content.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The code itself (quiet zone not counted) in millimetres, as in the PDF. */
const QR_MM = 90;

/** The code as an SVG path in module units, its quiet zone inside the view box. */
function qrSvg(page: PosterPage): string {
  const side = page.qr.size + 2 * QUIET_ZONE_MODULES;
  const mm = ((QR_MM * side) / page.qr.size).toFixed(2);
  const path = darkRuns(page.qr)
    .map((r) => `M${r.x + QUIET_ZONE_MODULES} ${r.y + QUIET_ZONE_MODULES}h${r.length}v1h-${r.length}z`)
    .join('');
  return (
    `<svg class="qr" style="width: ${mm}mm; height: ${mm}mm" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img" ` +
    `aria-label="${escape(page.villageName)}的二维码"><rect width="${side}" height="${side}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}

function pageHtml(page: PosterPage): string {
  const canDo = POSTER_TEXT.canDo.map((line) => `<li>${escape(line)}</li>`).join('');
  return `<section class="poster" data-village="${escape(page.villageCode)}">
<header><h1>${escape(POSTER_TEXT.brand)}</h1><p>${escape(POSTER_TEXT.tagline)}</p></header>
<p class="region">${escape(page.regionLine)}</p>
<h2 class="village">${escape(page.villageName)}</h2>
${qrSvg(page)}
<p class="scan">${escape(POSTER_TEXT.scanHint)}</p>
<p class="link">${escape(printedLink(page.link))}</p>
<div class="can-do"><h3>${escape(POSTER_TEXT.canDoTitle)}</h3><ul>${canDo}</ul></div>
<p class="hotline">${escape(page.hotline.label)}：${escape(page.hotline.number)}</p>
<p class="protection">${POSTER_TEXT.protection.map(escape).join('<br>')}</p>
</section>`;
}

/** A4 pages in millimetres. */
const STYLE = `
@page { size: A4 portrait; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; background: #e9e6df; color: #1f1f1f;
  font-family: "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
.note { max-width: 210mm; margin: 6mm auto 0; padding: 3mm 5mm; background: #fff8e1; border: 1px solid #e0c36a; font-size: 15px; line-height: 1.6; }
.poster { width: 210mm; height: 297mm; margin: 6mm auto; padding: 0 18mm 10mm; background: #fff; overflow: hidden;
  display: flex; flex-direction: column; align-items: center; text-align: center; break-after: page; page-break-after: always; }
.poster:last-child { break-after: auto; page-break-after: auto; }
header { width: 210mm; margin: 0 -18mm; padding: 5mm 0 4mm; background: #9b1c1c; color: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
header h1 { margin: 0; font-size: 34pt; line-height: 1.2; }
header p { margin: 1mm 0 0; font-size: 14pt; }
.region { margin: 5mm 0 0; font-size: 16pt; color: #5a5a5a; }
.village { margin: 1mm 0 3mm; font-size: 40pt; line-height: 1.2; }
.qr { flex: none; border: 0.3mm solid #c8c8c8; }
.scan { margin: 3mm 0 0; font-size: 20pt; font-weight: bold; }
.link { margin: 1mm 0 0; font-size: 11pt; color: #5a5a5a; }
.can-do { align-self: stretch; text-align: left; margin-top: 4mm; }
.can-do h3 { margin: 0 0 1mm; font-size: 16pt; }
.can-do ul { margin: 0; padding-left: 8mm; font-size: 14pt; line-height: 1.7; }
.can-do li::marker { color: #9b1c1c; }
.hotline { margin: 4mm 0 0; font-size: 18pt; font-weight: bold; color: #9b1c1c; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.protection { margin: 3mm 0 0; font-size: 12pt; line-height: 1.6; color: #5a5a5a; }
@media print {
  body { background: #fff; }
  .note { display: none; }
  .poster { margin: 0; }
}`;

/** A print-ready page: one A4 poster per village, with a note on screen on how to print it. */
export function renderPosterHtml(pages: PosterPage[], title: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="note">共 ${pages.length} 张海报，每村一张。请用浏览器的“打印”（电脑按 Ctrl+P）打印：纸张选 A4，边距选“无”，勾选“背景图形”。</p>
${pages.map(pageHtml).join('\n')}
</body>
</html>
`;
}
