import type { QrMatrix } from '../village/qr-code.service.js';

/** What one village's poster says; the PDF and the print page lay out the same content. */
export interface PosterPage {
  villageCode: string;
  villageName: string;
  /** 县 and 乡镇, printed above the village's name. */
  regionLine: string;
  /** The `/v/<code>` link the QR code holds, also printed for typing in. */
  link: string;
  qr: QrMatrix;
  hotline: { label: string; number: string };
}

/** The national discipline-inspection reporting line, printed where a township has set no hotline. */
export const NATIONAL_HOTLINE = '12388';

export const POSTER_TEXT = {
  brand: '码上监督',
  tagline: '小微权力清单 · 三务公开 · 问题反映',
  scanHint: '微信扫一扫，或用手机相机扫码',
  canDoTitle: '扫码后您可以：',
  canDo: [
    '查看本村小微权力清单：村干部办事的依据、流程和风险点',
    '查看三务公开：本村的党务、村务、财务公开内容',
    '实名或匿名反映问题，凭查询码查看办理进度和答复',
  ],
  /** Two lines, broken where the sense breaks. */
  protection: ['依法保护反映人：实名信息加密保存，只有办理人员可以查看；', '匿名反映不记录任何身份信息；被反映人看不到您的反映。'],
} as const;

/** The hotline line: the township's own number, else the national 12388. */
export function hotlineOf(townshipName: string, hotline: string | null): PosterPage['hotline'] {
  return hotline ? { label: `${townshipName}纪委举报电话`, number: hotline } : { label: '纪检监察举报电话', number: NATIONAL_HOTLINE };
}

/** The link without its scheme, short enough to type in by hand. */
export function printedLink(link: string): string {
  return link.replace(/^https?:\/\//, '');
}

/** The dark modules of a QR code as horizontal runs, so a row is drawn in few rectangles without seams. */
export function darkRuns(qr: QrMatrix): { x: number; y: number; length: number }[] {
  const runs: { x: number; y: number; length: number }[] = [];
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (!qr.dark(x, y)) continue;
      const start = x;
      while (x + 1 < qr.size && qr.dark(x + 1, y)) x++;
      runs.push({ x: start, y, length: x - start + 1 });
    }
  }
  return runs;
}

/** Modules of white space around the code that the QR standard asks for. */
export const QUIET_ZONE_MODULES = 4;
