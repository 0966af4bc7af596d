import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Attachment } from '@mashang/shared';
import Taro, { routeRequests as routeEvery, setRouterParams, type NetworkAnswer, type SentRequest } from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import DisclosureEditPage from './index';

const account = {
  id: 5,
  username: 'dongshan-pub',
  displayName: '陈报账',
  role: 'village_publisher',
  regionCode: '341821102201',
  regionName: '东山村',
  disabled: false,
  mustChangePassword: false,
  twoFactorEnabled: false,
  twoFactorRequired: false,
} as const;

const answer = (body: unknown, statusCode = 200): NetworkAnswer => ({ statusCode, data: JSON.stringify(body) });

const VOUCHER: Attachment = { id: 41, name: '付款凭证.jpg', type: 'image/jpeg', size: 812_000 };
const REPORT: Attachment = { id: 42, name: '验收报告.pdf', type: 'application/pdf', size: 2 * 1024 * 1024 };

/** The draft as the server answers it, with these files on its open version. */
function draft(attachments: Attachment[]) {
  const version = {
    versionNo: 1,
    action: 'publish',
    status: 'draft',
    title: '村道维修工程付款凭证',
    period: '2026-09',
    body: '',
    table: null,
    reason: null,
    draftedBy: '陈报账',
    draftedAt: '2026-10-08T02:00:00.000Z',
    submittedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    reviewComment: null,
    attachments,
  };
  return {
    id: 31,
    villageCode: '341821102201',
    villageName: '东山村',
    kind: 'village',
    type: 'project',
    status: 'unpublished',
    open: version,
    versions: [version],
    correctionRequired: null,
    history: [],
  };
}

/** The mini program's pickers, file reading and viewers, which the shared Taro mock leaves out. */
const device = {
  showActionSheet: jest.fn((_options: { itemList: string[] }) => Promise.resolve({ tapIndex: 0, errMsg: 'showActionSheet:ok' })),
  chooseMedia: jest.fn((_options: { count: number; mediaType: string[]; sourceType: string[]; sizeType: string[] }) =>
    Promise.resolve({
      type: 'image',
      errMsg: 'chooseMedia:ok',
      tempFiles: [{ tempFilePath: 'wxfile://tmp/a1b2.jpg', size: 3_100_000, fileType: 'image' }],
    }),
  ),
  chooseMessageFile: jest.fn((_options: { count: number; type: string; extension: string[] }) =>
    Promise.resolve({
      errMsg: 'chooseMessageFile:ok',
      tempFiles: [
        { name: '合同.pdf', path: 'wxfile://tmp/contract.pdf', size: 120_000, time: 0, type: 'file' },
        { name: '说明.jpg', path: 'wxfile://tmp/notes.jpg', size: 2_000, time: 0, type: 'file' },
        { name: '全景.jpg', path: 'wxfile://tmp/pano.jpg', size: 11 * 1024 * 1024, time: 0, type: 'file' },
      ],
    }),
  ),
  readFile: jest.fn((options: { filePath: string; encoding?: string; success?: (r: { data: string; errMsg: string }) => void }) =>
    options.success?.({ data: `BASE64(${options.filePath})`, errMsg: 'readFile:ok' }),
  ),
  downloadFile: jest.fn((_options: { url: string; header?: Record<string, string> }) =>
    Promise.resolve({ statusCode: 200, tempFilePath: 'wxfile://tmp/voucher.jpg', errMsg: 'downloadFile:ok' }),
  ),
  previewImage: jest.fn((_options: { current?: string; urls: string[] }) => Promise.resolve({ errMsg: 'previewImage:ok' })),
};
Object.assign(Taro, device, { getFileSystemManager: jest.fn(() => ({ readFile: device.readFile })) });

/** The server's China date, which the editor reads from the overdue list (asOf) before it shows the form. */
const SERVER_TODAY = '2026-10-08';

/** Answers each request with what `route` returns for it, and the overdue list with the server's date. */
function routeRequests(route: (options: SentRequest) => NetworkAnswer, today = SERVER_TODAY): void {
  routeEvery((options) => (options.url.includes('/staff/disclosure-overdue') ? answer({ items: [], asOf: today }) : route(options)));
}

/** Opens the editor and waits for its form. */
async function open(params: Record<string, string> = { id: '31' }) {
  setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
  setRouterParams(params);
  render(<DisclosureEditPage />);
  await screen.findByTestId('table-editor');
}

const sent = (method: string, path: string) =>
  Taro.request.mock.calls.map((c) => c[0]).filter((r: SentRequest) => r.method === method && r.url.endsWith(path));

describe('the editor’s photos and files', () => {
  beforeEach(() => {
    Object.values(device).forEach((fn) => fn.mockClear());
    routeRequests(() => answer({}, 500));
  });

  it('asks for a first save before a new disclosure can take files', async () => {
    await open({});
    expect(screen.getByTestId('attach-save-first').textContent).toContain('先点下面的「保存草稿」');
    expect(screen.queryByTestId('attach-button')).toBeNull();
  });

  it('adds a photo from the camera or album to the draft, numbered, and lists it', async () => {
    routeRequests(({ method, data }) => {
      if (method === 'GET') return answer(draft([VOUCHER]));
      const body = JSON.parse(data!) as { fileName: string };
      return answer(draft([VOUCHER, { id: 43, name: body.fileName, type: 'image/jpeg', size: 1_200_000 }]), 201);
    });
    await open();
    expect((await screen.findAllByTestId('attachment-row')).map((r) => r.textContent)).toEqual(['付款凭证.jpg照片 · 793 KB查看删除']);
    fireEvent.click(screen.getByTestId('attach-button'));

    await waitFor(() => expect(screen.getAllByTestId('attachment-row')).toHaveLength(2));
    expect(device.showActionSheet).toHaveBeenCalledWith({ itemList: ['拍照或从相册选照片', '从微信聊天里选 PDF 或照片'] });
    expect(device.chooseMedia).toHaveBeenCalledWith({
      count: 9,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['original', 'compressed'],
    });
    expect(device.readFile.mock.calls[0]![0]).toMatchObject({ filePath: 'wxfile://tmp/a1b2.jpg', encoding: 'base64' });
    const [upload] = sent('POST', '/api/v1/staff/disclosures/31/attachments');
    expect(JSON.parse(upload!.data!)).toEqual({ fileName: '照片1.jpg', contentBase64: 'BASE64(wxfile://tmp/a1b2.jpg)' });
    expect(upload!.header.Authorization).toBe('Bearer tok');
    expect(screen.getAllByTestId('attachment-row')[1]!.textContent).toBe('照片1.jpg照片 · 1.1 MB查看删除');
  });

  it('sends each file from a chat on its own: a refused one is named with the reason, the others are added', async () => {
    device.showActionSheet.mockResolvedValueOnce({ tapIndex: 1, errMsg: 'showActionSheet:ok' });
    let listed: Attachment[] = [];
    routeRequests(({ method, data }) => {
      if (method === 'GET') return answer(draft(listed));
      const { fileName } = JSON.parse(data!) as { fileName: string };
      if (fileName === '说明.jpg') {
        return answer(
          { code: 'ATTACHMENT_TYPE_UNSUPPORTED', message: '只能添加照片（JPG、PNG、WebP）或 PDF 文件，这个文件的内容不是这几种' },
          422,
        );
      }
      listed = [...listed, { id: 50 + listed.length, name: fileName, type: 'application/pdf', size: 120_000 }];
      return answer(draft(listed), 201);
    });
    await open();
    fireEvent.click(await screen.findByTestId('attach-button'));

    const problems = await screen.findAllByTestId('attach-problem');
    expect(problems.map((p) => p.textContent)).toEqual([
      '「全景.jpg」有 11.0 MB，超过了 10MB，没有添加',
      '「说明.jpg」没有添加：只能添加照片（JPG、PNG、WebP）或 PDF 文件，这个文件的内容不是这几种',
    ]);
    expect(device.chooseMessageFile).toHaveBeenCalledWith({ count: 20, type: 'all', extension: ['pdf', 'jpg', 'jpeg', 'png', 'webp'] });
    // The file over the limit never left the phone.
    expect(
      sent('POST', '/api/v1/staff/disclosures/31/attachments').map((r) => (JSON.parse(r.data!) as { fileName: string }).fileName),
    ).toEqual(['合同.pdf', '说明.jpg']);
    expect(screen.getAllByTestId('attachment-row').map((r) => r.textContent)).toEqual(['合同.pdfPDF 文件 · 117 KB查看删除']);
  });

  it('removes a file after asking once', async () => {
    routeRequests(({ method }) => answer(draft(method === 'DELETE' ? [REPORT] : [VOUCHER, REPORT])));
    await open();
    await screen.findAllByTestId('attachment-row');
    fireEvent.click(screen.getAllByTestId('attachment-remove')[0]!);
    fireEvent.click(screen.getByTestId('attachment-remove-no'));
    expect(sent('DELETE', '/api/v1/staff/disclosures/31/attachments/41')).toHaveLength(0);
    fireEvent.click(screen.getAllByTestId('attachment-remove')[0]!);
    fireEvent.click(screen.getByTestId('attachment-remove-yes'));
    await waitFor(() => expect(screen.getAllByTestId('attachment-row')).toHaveLength(1));
    expect(sent('DELETE', '/api/v1/staff/disclosures/31/attachments/41')).toHaveLength(1);
    expect(screen.getByTestId('attachment-row').textContent).toContain('验收报告.pdf');
  });

  it('opens a draft’s photo with the session, since a draft’s files are not public', async () => {
    routeRequests(() => answer(draft([VOUCHER])));
    await open();
    fireEvent.click(await screen.findByTestId('attachment-view'));
    await waitFor(() =>
      expect(device.previewImage).toHaveBeenCalledWith({ current: 'wxfile://tmp/voucher.jpg', urls: ['wxfile://tmp/voucher.jpg'] }),
    );
    expect(device.downloadFile).toHaveBeenCalledWith({
      url: 'https://api.example.test/api/v1/staff/disclosures/31/attachments/41',
      header: { Authorization: 'Bearer tok' },
    });
  });

  it('takes no more once the draft has 20', async () => {
    const full = Array.from({ length: 20 }, (_, i) => ({
      id: 100 + i,
      name: `照片${i + 1}.jpg`,
      type: 'image/jpeg' as const,
      size: 500_000,
    }));
    routeRequests(() => answer(draft(full)));
    await open();
    const button = await screen.findByTestId('attach-button');
    expect(button.textContent).toBe('已有 20 个，不能再添加');
    fireEvent.click(button);
    expect(device.showActionSheet).not.toHaveBeenCalled();
  });
});
