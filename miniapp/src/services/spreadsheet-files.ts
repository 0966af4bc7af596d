import Taro from '@tarojs/taro';
import { ApiErrorSchema, MAX_ATTACHMENT_BYTES, MAX_SPREADSHEET_BYTES, fileSizeText } from '@mashang/shared';
import { sessionToken } from '../stores/session-store';
import { chooseInBrowser } from './file-input';
import { ApiError, apiBase } from './http';

/**
 * Files in and out (spreadsheets, and the photos and PDFs attached to what a village publishes), the
 * one place where H5 and the mini program differ. H5 picks files with a file input and saves a
 * download through the browser; the mini program picks a file from a WeChat chat (`chooseMessageFile`)
 * or a photo from the album or camera (`chooseMedia`), and opens a download in WeChat's document or
 * image viewer, from which it can be forwarded or saved.
 */

export interface PickedSpreadsheet {
  name: string;
  format: 'xlsx' | 'csv';
  /** The file's bytes, base64, as the import route takes them. */
  base64: string;
}

/** A picked file, a problem with it in words a publisher can act on, or null when nothing was picked. */
export type PickResult = { file: PickedSpreadsheet } | { problem: string } | null;

const TOO_BIG = `文件太大了（不能超过${MAX_SPREADSHEET_BYTES / 1024 / 1024}MB），请分成几个文件导入`;
const WRONG_KIND = '只能导入 Excel（.xlsx）或 CSV（.csv）文件；.xls 旧格式请在 Excel 里“另存为”.xlsx';
const UNREADABLE = '文件读取失败，请重新选择';

function formatOf(name: string): PickedSpreadsheet['format'] | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
}

const SPREADSHEET_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

function readInBrowser(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // `data:<type>;base64,<bytes>`: keep the bytes.
    reader.onload = () =>
      typeof reader.result === 'string' ? resolve(reader.result.replace(/^data:[^,]*,/, '')) : reject(new Error(UNREADABLE));
    reader.onerror = () => reject(new Error(UNREADABLE));
    reader.readAsDataURL(file);
  });
}

function readInMiniProgram(filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (result) => (typeof result.data === 'string' ? resolve(result.data) : reject(new Error(UNREADABLE))),
      fail: () => reject(new Error(UNREADABLE)),
    });
  });
}

/** Asks for one .xlsx or .csv file and reads it as base64. */
export async function pickSpreadsheet(): Promise<PickResult> {
  let name: string;
  let size: number;
  let read: () => Promise<string>;
  if (process.env.TARO_ENV === 'h5') {
    const [file] = await chooseInBrowser({ accept: SPREADSHEET_ACCEPT });
    if (!file) return null;
    ({ name, size } = file);
    read = () => readInBrowser(file);
  } else {
    let chosen: Taro.chooseMessageFile.ChooseFile | undefined;
    try {
      chosen = (await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })).tempFiles[0];
    } catch {
      return null; // cancelled
    }
    if (!chosen) return null;
    ({ name, size } = chosen);
    const path = chosen.path;
    read = () => readInMiniProgram(path);
  }
  const format = formatOf(name);
  if (!format) return { problem: WRONG_KIND };
  if (size > MAX_SPREADSHEET_BYTES) return { problem: TOO_BIG };
  if (size === 0) return { problem: '文件是空的，请重新选择' };
  try {
    return { file: { name, format, base64: await read() } };
  } catch {
    return { problem: UNREADABLE };
  }
}

async function failureOf(status: number, body: () => Promise<unknown>): Promise<ApiError> {
  try {
    const parsed = ApiErrorSchema.safeParse(await body());
    if (parsed.success) return new ApiError(parsed.data.code, { status, message: parsed.data.message });
  } catch {
    // not our JSON
  }
  return new ApiError(status === 404 ? 'NOT_FOUND' : 'NETWORK_ERROR', { status });
}

/** What a downloaded file is, which decides how it is shown: an image in the image viewer, a document in the document viewer. */
export type FileKind = 'xlsx' | 'pdf' | 'image';

/**
 * Downloads a spreadsheet from the API (`path` from `routeUrl`) and hands it to the person: H5 saves
 * it as `fileName`; the mini program opens it. A staff route passes the session's token.
 * Rejects with `ApiError` as `call` does.
 */
export function openSpreadsheet(path: string, fileName: string, staff = false): Promise<void> {
  return openFile(path, fileName, { kind: 'xlsx', staff });
}

/**
 * Downloads a file from the API (`path` from `routeUrl`) and shows it: an image full size in the image
 * viewer, a document saved (H5) or opened in WeChat's viewer. A staff route passes the session's token
 * (files of drafts are never public). Rejects with `ApiError` as `call` does.
 */
export async function openFile(
  path: string,
  fileName: string,
  { kind, staff = false }: { kind: FileKind; staff?: boolean },
): Promise<void> {
  // The mini program sends the session's bearer token; H5 sends its session cookie.
  const token = staff ? sessionToken() : null;
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === 'h5') {
    if (!staff && kind === 'image') {
      await Taro.previewImage({ current: path, urls: [path] });
      return;
    }
    if (!staff) {
      // A public file: the browser downloads it itself, also where a script could not.
      const link = document.createElement('a');
      link.href = path;
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      return;
    }
    let response: Response;
    try {
      response = await fetch(path, { headers: header, credentials: 'same-origin' });
    } catch {
      throw new ApiError('NETWORK_ERROR');
    }
    if (!response.ok) throw await failureOf(response.status, () => response.json());
    const url = URL.createObjectURL(await response.blob());
    if (kind === 'image') {
      await Taro.previewImage({ current: url, urls: [url] });
      return;
    }
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  let downloaded: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    downloaded = await Taro.downloadFile({ url: `${apiBase()}${path}`, header });
  } catch {
    throw new ApiError('NETWORK_ERROR');
  }
  if (downloaded.statusCode !== 200) {
    throw await failureOf(downloaded.statusCode, () => {
      const text = Taro.getFileSystemManager().readFileSync(downloaded.tempFilePath, 'utf8');
      return Promise.resolve(typeof text === 'string' ? (JSON.parse(text) as unknown) : null);
    });
  }
  if (kind === 'image') await Taro.previewImage({ current: downloaded.tempFilePath, urls: [downloaded.tempFilePath] });
  else await Taro.openDocument({ filePath: downloaded.tempFilePath, fileType: kind, showMenu: true });
}

// ---- Photos and files attached to a disclosure ----

/** A picked photo or file, read only when it is uploaded: a dozen photos never sit in memory at once. */
export interface PickedAttachment {
  name: string;
  size: number;
  /** The file's bytes, base64, as the upload route takes them. */
  read: () => Promise<string>;
}

/** Files to upload and, in words a publisher can act on, the ones left out; null when nothing was picked. */
export type AttachmentPick = { files: PickedAttachment[]; problems: string[] } | null;

const ATTACHMENT_ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';
const ATTACHMENT_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'webp'];
/** WeChat picks at most 9 photos at a time from the album. */
const MAX_MEDIA_PICK = 9;

/** The mini program's two places to find a file: the album or camera, or a chat (where PDFs arrive). */
const MINI_PROGRAM_SOURCES = ['拍照或从相册选照片', '从微信聊天里选 PDF 或照片'];

async function chooseInMiniProgram(
  room: number,
  firstPhotoNo: number,
): Promise<Array<{ name: string; size: number; path: string }> | null> {
  let source: number;
  try {
    source = (await Taro.showActionSheet({ itemList: MINI_PROGRAM_SOURCES })).tapIndex;
  } catch {
    return null; // cancelled
  }
  try {
    if (source === 0) {
      const { tempFiles } = await Taro.chooseMedia({
        count: Math.min(room, MAX_MEDIA_PICK),
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['original', 'compressed'],
      });
      // The album's files have meaningless temporary names: number them as the list shows them.
      return tempFiles.map((f, i) => ({ name: `照片${firstPhotoNo + i}.jpg`, size: f.size, path: f.tempFilePath }));
    }
    const { tempFiles } = await Taro.chooseMessageFile({ count: room, type: 'all', extension: ATTACHMENT_EXTENSIONS });
    return tempFiles.map((f) => ({ name: f.name, size: f.size, path: f.path }));
  } catch {
    return null; // cancelled
  }
}

/**
 * Asks for photos or PDFs, at most `room` of them (what the version can still take). Each is checked for
 * size here as the server will check it; its real type is the server's to read from the bytes.
 * `firstPhotoNo` numbers photos taken or picked from the album (照片3.jpg…).
 */
export async function pickAttachments(room: number, firstPhotoNo = 1): Promise<AttachmentPick> {
  let picked: Array<{ name: string; size: number; read: () => Promise<string> }>;
  if (process.env.TARO_ENV === 'h5') {
    const files = await chooseInBrowser({ accept: ATTACHMENT_ACCEPT, multiple: true });
    picked = files.map((file) => ({ name: file.name, size: file.size, read: () => readInBrowser(file) }));
  } else {
    const chosen = await chooseInMiniProgram(room, firstPhotoNo);
    picked = (chosen ?? []).map(({ name, size, path }) => ({ name, size, read: () => readInMiniProgram(path) }));
  }
  if (picked.length === 0) return null;
  const problems: string[] = [];
  if (picked.length > room) {
    problems.push(`最多还能添加 ${room} 个，多选的 ${picked.length - room} 个没有添加`);
    picked = picked.slice(0, room);
  }
  const files = picked.filter((file) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      problems.push(`「${file.name}」有 ${fileSizeText(file.size)}，超过了 ${MAX_ATTACHMENT_BYTES / 1024 / 1024}MB，没有添加`);
      return false;
    }
    if (file.size === 0) {
      problems.push(`「${file.name}」是空的，没有添加`);
      return false;
    }
    return true;
  });
  return { files, problems };
}
