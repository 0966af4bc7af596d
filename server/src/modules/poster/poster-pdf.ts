import PDFDocument from 'pdfkit';
import { POSTER_TEXT, type PosterPage, QUIET_ZONE_MODULES, darkRuns, printedLink } from './poster-content.js';
import { posterFont } from './poster-fonts.js';

/** PDF points per centimetre. */
const CM = 72 / 2.54;
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const TEXT_WIDTH = A4.width - 2 * MARGIN;
/** The code itself (quiet zone not counted) is 9 cm a side: read from 1.5 m, as 8 cm already is. */
const QR_SIDE = 9 * CM;
const RED = '#9b1c1c';
const INK = '#1f1f1f';
const GREY = '#5a5a5a';

/** Renders the posters, one A4 page each, with Noto Sans SC embedded as a subset. */
export function renderPosterPdf(pages: PosterPage[], title: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: title, Author: POSTER_TEXT.brand, Subject: '村务监督二维码海报' },
  });
  doc.registerFont('regular', posterFont('regular'));
  doc.registerFont('bold', posterFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const page of pages) drawPage(doc, page);
  doc.end();
  return finished;
}

function centered(doc: PDFKit.PDFDocument, text: string, y: number, font: 'regular' | 'bold', size: number, color: string): void {
  doc.font(font).fontSize(size).fillColor(color).text(text, MARGIN, y, { width: TEXT_WIDTH, align: 'center', lineBreak: false });
}

function drawPage(doc: PDFKit.PDFDocument, page: PosterPage): void {
  doc.addPage();
  doc.rect(0, 0, A4.width, 96).fill(RED);
  centered(doc, POSTER_TEXT.brand, 14, 'bold', 36, '#ffffff');
  centered(doc, POSTER_TEXT.tagline, 64, 'regular', 14, '#ffffff');

  centered(doc, page.regionLine, 112, 'regular', 16, GREY);
  centered(doc, page.villageName, 134, 'bold', 42, INK);

  const qrBottom = drawQr(doc, page, 210);
  centered(doc, POSTER_TEXT.scanHint, qrBottom + 12, 'bold', 20, INK);
  centered(doc, printedLink(page.link), qrBottom + 44, 'regular', 11, GREY);

  let y = qrBottom + 80;
  doc
    .font('bold')
    .fontSize(16)
    .fillColor(INK)
    .text(POSTER_TEXT.canDoTitle, MARGIN + 20, y, { lineBreak: false });
  y += 30;
  for (const line of POSTER_TEXT.canDo) {
    doc.rect(MARGIN + 22, y + 7, 6, 6).fill(RED);
    doc
      .font('regular')
      .fontSize(14)
      .fillColor(INK)
      .text(line, MARGIN + 36, y, { width: TEXT_WIDTH - 36, lineBreak: false });
    y += 27;
  }

  y += 20;
  centered(doc, `${page.hotline.label}：${page.hotline.number}`, y, 'bold', 18, RED);
  y += 38;
  for (const line of POSTER_TEXT.protection) {
    centered(doc, line, y, 'regular', 12, GREY);
    y += 19;
  }
}

/** Draws the code centred at `top` inside its quiet zone and a thin frame; answers the frame's bottom. */
function drawQr(doc: PDFKit.PDFDocument, page: PosterPage, top: number): number {
  const unit = QR_SIDE / page.qr.size;
  const framed = QR_SIDE + 2 * QUIET_ZONE_MODULES * unit;
  const left = (A4.width - framed) / 2;
  doc.lineWidth(1).rect(left, top, framed, framed).stroke('#c8c8c8');
  const origin = { x: left + QUIET_ZONE_MODULES * unit, y: top + QUIET_ZONE_MODULES * unit };
  for (const run of darkRuns(page.qr)) {
    // A hair wider than the run, so neighbouring rows leave no white seam when rasterised.
    doc.rect(origin.x + run.x * unit, origin.y + run.y * unit, run.length * unit, unit + 0.05);
  }
  doc.fill('#000000');
  return top + framed;
}
