import Taro from '@tarojs/taro';
import type { ErrorCode, FieldError, UploadReceipt } from '@mashang/shared';
import { API_PREFIX, ERROR_MESSAGES, MAX_ATTACHMENT_BYTES, villagerRoutes } from '@mashang/shared/labels';
import { chooseInBrowser } from './file-input';
import { ApiError, apiBase } from './http';

/**
 * A villager's photos and files for a report, picked and sent one by one before filing (the filing
 * names the ids the server answers). The mini program picks photos with `chooseMedia` and sends each
 * with `uploadFile`; H5 picks photos or PDFs with a file input and sends each as FormData. Either way
 * the server reads the real type from the bytes and removes the photo's location and camera details.
 * Nothing that names the sender goes with it: no reporter token, no cookie.
 */

/** A picked file, ready to send: what the page shows, and how to send it. */
export interface PickedFile {
  /** Shown while it is sent: 「照片」 or the PDF's name. */
  name: string;
  size: number;
  kind: 'image' | 'pdf';
  /** Where the page can show the photo itself: a temp file path (mini program) or an object URL (H5). */
  preview: string | null;
  /** The mini program's temp file. */
  filePath?: string;
  /** H5's picked file. */
  file?: File;
}

export const MAX_MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;
const TOO_BIG = (what: string) => `${what}太大了：每个不能超过${MAX_MB}MB，请换一张或压缩后再选`;
const WRONG_KIND = (name: string) => `「${name}」不是照片或 PDF 文件，没有添加`;
const H5_ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';
/** A phone's uplink in a village can be 32 KB/s: the largest file gets its time. */
const UPLOAD_TIMEOUT_MS = 15_000 + Math.ceil(MAX_ATTACHMENT_BYTES / 32);

function kindOf(name: string, type: string): PickedFile['kind'] | null {
  if (/^image\/(jpeg|png|webp)$/.test(type) || /\.(jpe?g|png|webp)$/i.test(name)) return 'image';
  if (type === 'application/pdf' || /\.pdf$/i.test(name)) return 'pdf';
  return null;
}

export async function pickFiles(room: number): Promise<{ files: PickedFile[]; problems: string[] }> {
  const files: PickedFile[] = [];
  const problems: string[] = [];
  if (room <= 0) return { files, problems };
  if (process.env.TARO_ENV === 'h5') {
    const chosen = await chooseInBrowser({ accept: H5_ACCEPT, multiple: true, testId: 'photo-file-input' });
    for (const file of chosen) {
      const kind = kindOf(file.name, file.type);
      if (!kind) problems.push(WRONG_KIND(file.name));
      else if (file.size > MAX_ATTACHMENT_BYTES) problems.push(TOO_BIG(`「${file.name}」`));
      else if (files.length >= room) problems.push(`最多只能再加 ${room} 个，「${file.name}」没有添加`);
      else
        files.push({
          name: kind === 'pdf' ? file.name : '照片',
          size: file.size,
          kind,
          file,
          preview: kind === 'image' ? URL.createObjectURL(file) : null,
        });
    }
    return { files, problems };
  }
  let picked: Taro.chooseMedia.SuccessCallbackResult;
  try {
    picked = await Taro.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
  } catch {
    return { files, problems }; // cancelled, or the privacy authorisation was declined: nothing picked
  }
  for (const media of picked.tempFiles) {
    if (media.size > MAX_ATTACHMENT_BYTES) problems.push(TOO_BIG('有一张照片'));
    else files.push({ name: '照片', size: media.size, kind: 'image', filePath: media.tempFilePath, preview: media.tempFilePath });
  }
  return { files, problems };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The server's answer as a receipt, or the ApiError it stands for. */
function answerOf(status: number, raw: unknown): UploadReceipt {
  let body: unknown = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
  }
  if (status === 201 && isObject(body) && typeof body.id === 'string') return body as unknown as UploadReceipt;
  if (isObject(body) && typeof body.code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, body.code)) {
    const message = typeof body.message === 'string' ? body.message : undefined;
    const details = Array.isArray(body.details) ? (body.details as FieldError[]) : [];
    throw new ApiError(body.code as ErrorCode, { status, message, details });
  }
  // A proxy's own page: its size limit, or the network.
  throw new ApiError(status === 413 ? 'ATTACHMENT_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : 'NETWORK_ERROR', { status });
}

/** Sends one picked file; resolves with its upload id and what was kept, or rejects with ApiError. */
export async function uploadFile(picked: PickedFile): Promise<UploadReceipt> {
  const url = `${apiBase()}${API_PREFIX}${villagerRoutes.reportAttachment.upload.path}`;
  if (process.env.TARO_ENV === 'h5') {
    if (!picked.file) throw new ApiError('MALFORMED_REQUEST');
    const form = new FormData();
    form.append('file', picked.file, picked.file.name);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), UPLOAD_TIMEOUT_MS);
    let response: Response;
    try {
      // No cookie: an upload is a villager's, never tied to a staff session on the same browser.
      response = await fetch(url, { method: 'POST', body: form, credentials: 'omit', signal: controller.signal });
    } catch {
      throw new ApiError('NETWORK_ERROR');
    } finally {
      clearTimeout(timer);
    }
    return answerOf(response.status, await response.text().catch(() => ''));
  }
  if (!picked.filePath) throw new ApiError('MALFORMED_REQUEST');
  let result: Taro.uploadFile.SuccessCallbackResult;
  try {
    result = await Taro.uploadFile({ url, filePath: picked.filePath, name: 'file', timeout: UPLOAD_TIMEOUT_MS });
  } catch {
    throw new ApiError('NETWORK_ERROR');
  }
  return answerOf(Number(result.statusCode) || 0, result.data);
}
