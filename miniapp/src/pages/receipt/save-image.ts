import Taro from '@tarojs/taro';
import { IS_H5 } from '../../components/Field/a11y';
import { IMAGE_HEIGHT, IMAGE_WIDTH, drawReceipt, type ReceiptImageText } from './receipt-image';

/** The id of the page's hidden `<Canvas type='2d'>` the mini program draws on. */
export const CANVAS_ID = 'receipt-canvas';
const SCALE = 2;

/** H5: draws on a canvas of its own and downloads it; returns the picture, shown on the page to long-press where downloads are blocked. */
function saveOnH5(text: ReceiptImageText): string {
  const canvas = document.createElement('canvas');
  canvas.width = IMAGE_WIDTH * SCALE;
  canvas.height = IMAGE_HEIGHT * SCALE;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(SCALE, SCALE);
  drawReceipt(ctx, text);
  const url = canvas.toDataURL('image/png');
  const link = document.createElement('a');
  link.href = url;
  link.download = '码上监督回执.png';
  document.body.appendChild(link);
  link.click();
  link.remove();
  return url;
}

function canvasNode(): Promise<Taro.Canvas> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: Taro.Canvas } | null>) => (res[0]?.node ? resolve(res[0].node) : reject(new Error('no canvas'))));
  });
}

/** The mini program: draws on the page's canvas and saves the picture to the phone's album. */
async function saveOnWeapp(text: ReceiptImageText): Promise<string> {
  const canvas = await canvasNode();
  canvas.width = IMAGE_WIDTH * SCALE;
  canvas.height = IMAGE_HEIGHT * SCALE;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.scale(SCALE, SCALE);
  drawReceipt(ctx, text);
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas });
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
  return tempFilePath;
}

/** Saves the receipt as a picture; resolves to the picture's address, rejects when the phone refused. */
export async function saveReceiptImage(text: ReceiptImageText): Promise<string> {
  return IS_H5 ? saveOnH5(text) : saveOnWeapp(text);
}
