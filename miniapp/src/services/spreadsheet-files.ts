import Taro from '@tarojs/taro';
import { ApiErrorSchema, MAX_SPREADSHEET_BYTES } from '@mashang/shared';
import { ApiError, apiBase } from './http';

/**
 * Spreadsheets in and out, the one place where H5 and the mini program differ. H5 picks a file with a
 * file input and saves a download through the browser; the mini program picks a file from a WeChat
 * chat (`chooseMessageFile`) and opens a download in WeChat's document viewer, from which it can be
 * forwarded or saved.
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

/** H5: a file input, opened at once; resolves when a file is chosen (or the dialog is cancelled, where browsers say so). */
function chooseInBrowser(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
    input.style.display = 'none';
    document.body.appendChild(input);
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    input.click();
  });
}

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
    const file = await chooseInBrowser();
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

/**
 * Downloads a spreadsheet from the API (`path` from `routeUrl`) and hands it to the person: H5 saves
 * it as `fileName`; the mini program opens it. A staff route passes the session's token.
 * Rejects with `ApiError` as `call` does.
 */
export async function openSpreadsheet(path: string, fileName: string, token?: string | null): Promise<void> {
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === 'h5') {
    if (!token) {
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
      response = await fetch(path, { headers: header });
    } catch {
      throw new ApiError('NETWORK_ERROR');
    }
    if (!response.ok) throw await failureOf(response.status, () => response.json());
    const url = URL.createObjectURL(await response.blob());
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
  await Taro.openDocument({ filePath: downloaded.tempFilePath, fileType: 'xlsx', showMenu: true });
}
