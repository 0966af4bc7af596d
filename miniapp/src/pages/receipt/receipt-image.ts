import { formatQueryCode } from '@mashang/shared';

/** What the saved receipt image carries: enough to come back, nothing that names the reporter. */
export interface ReceiptImageText {
  queryCode: string;
  village: string;
  date: string;
  /** What was reported, in a few words. */
  about: string;
}

/** The image's size in canvas units; drawn at twice this for a sharp picture. */
export const IMAGE_WIDTH = 600;
export const IMAGE_HEIGHT = 820;

type Context = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'font'
  | 'textAlign'
  | 'fillRect'
  | 'fillText'
  | 'measureText'
  | 'strokeRect'
  | 'strokeStyle'
  | 'lineWidth'
  | 'setLineDash'
  | 'scale'
>;

/** Lines of at most `width`, broken between characters (Chinese has no spaces to break at). */
function wrap(ctx: Context, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws the receipt on a 2D canvas of IMAGE_WIDTH × IMAGE_HEIGHT (after `scale`). */
export function drawReceipt(ctx: Context, text: ReceiptImageText): void {
  const left = 40;
  const width = IMAGE_WIDTH - 2 * left;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, IMAGE_WIDTH, IMAGE_HEIGHT);
  ctx.fillStyle = '#9b1c1c';
  ctx.fillRect(0, 0, IMAGE_WIDTH, 96);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'left';
  ctx.font = 'bold 36px sans-serif';
  ctx.fillText('码上监督 · 反映回执', left, 62);

  ctx.fillStyle = '#1f2933';
  ctx.font = '26px sans-serif';
  let y = 150;
  for (const line of [`村：${text.village}`, `提交时间：${text.date}`]) {
    ctx.fillText(line, left, y);
    y += 44;
  }

  y += 16;
  ctx.font = 'bold 28px sans-serif';
  ctx.fillText('查询码', left, y);
  y += 20;
  ctx.strokeStyle = '#b54708';
  ctx.lineWidth = 3;
  ctx.setLineDash([10, 6]);
  ctx.fillStyle = '#fffaeb';
  ctx.fillRect(left, y, width, 150);
  ctx.strokeRect(left, y, width, 150);
  ctx.setLineDash([]);
  ctx.fillStyle = '#1f2933';
  ctx.textAlign = 'center';
  ctx.font = 'bold 46px monospace';
  const groups = formatQueryCode(text.queryCode).split(' ');
  ctx.fillText(groups.slice(0, 3).join(' '), IMAGE_WIDTH / 2, y + 62);
  ctx.fillText(groups.slice(3).join(' '), IMAGE_WIDTH / 2, y + 122);
  y += 210;

  ctx.textAlign = 'left';
  ctx.font = 'bold 26px sans-serif';
  ctx.fillText('反映的事情', left, y);
  y += 40;
  ctx.font = '26px sans-serif';
  for (const line of wrap(ctx, text.about, width).slice(0, 4)) {
    ctx.fillText(line, left, y);
    y += 40;
  }

  ctx.fillStyle = '#475467';
  ctx.font = '24px sans-serif';
  y = IMAGE_HEIGHT - 110;
  for (const line of wrap(ctx, '凭查询码可以查看办理进度和答复。请收好这张图片，不要给别人看；丢了没法补。', width)) {
    ctx.fillText(line, left, y);
    y += 36;
  }
}
