import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, jest } from '@jest/globals';
import type { Attachment } from '@mashang/shared';
import Taro from '../../../test/mocks/taro';
import Attachments from './index';

const API = 'https://api.example.test/api/v1';

/** The viewers and the download, which the shared Taro mock leaves out. */
const viewers = {
  previewImage: jest.fn((_options: { current?: string; urls: string[] }) => Promise.resolve({ errMsg: 'previewImage:ok' })),
  downloadFile: jest.fn((_options: { url: string; header?: Record<string, string> }) =>
    Promise.resolve({ statusCode: 200, tempFilePath: 'wxfile://tmp/download.pdf', errMsg: 'downloadFile:ok' }),
  ),
  openDocument: jest.fn((_options: { filePath: string; fileType?: string; showMenu?: boolean }) =>
    Promise.resolve({ errMsg: 'openDocument:ok' }),
  ),
  getFileSystemManager: jest.fn(() => ({
    readFileSync: () => JSON.stringify({ code: 'ATTACHMENT_NOT_FOUND', message: '没有找到这个附件，可能已被删除' }),
  })),
};
Object.assign(Taro, viewers);

const ITEMS: Attachment[] = [
  { id: 5, name: '付款凭证.jpg', type: 'image/jpeg', size: 812_000 },
  { id: 6, name: '验收报告.pdf', type: 'application/pdf', size: 2 * 1024 * 1024 },
  { id: 7, name: '现场照片.png', type: 'image/png', size: 402_000 },
];

describe('Attachments', () => {
  it('shows nothing when a disclosure has no photos or files', () => {
    render(<Attachments disclosureId={31} items={[]} />);
    expect(screen.queryByTestId('attachments')).toBeNull();
  });

  it('shows photos as small copies that open full size, swiping through all of them', () => {
    render(<Attachments disclosureId={31} items={ITEMS} />);
    expect(screen.getByTestId('attachments').textContent).toContain('照片和文件（3）');
    const photos = screen.getAllByTestId('attachment-photo');
    expect(photos.map((p) => p.textContent)).toEqual(['付款凭证.jpg', '现场照片.png']);
    expect(photos.map((p) => p.querySelector('img')?.getAttribute('src'))).toEqual([
      `${API}/disclosures/31/attachments/5?size=thumb`,
      `${API}/disclosures/31/attachments/7?size=thumb`,
    ]);
    fireEvent.click(photos[1]!);
    expect(viewers.previewImage).toHaveBeenCalledWith({
      current: `${API}/disclosures/31/attachments/7`,
      urls: [`${API}/disclosures/31/attachments/5`, `${API}/disclosures/31/attachments/7`],
    });
  });

  it('offers a PDF as a line with its size that opens it in WeChat’s document viewer', async () => {
    render(<Attachments disclosureId={31} items={ITEMS} />);
    const [file] = screen.getAllByTestId('attachment-file');
    expect(file!.textContent).toBe('验收报告.pdfPDF 文件 · 2.0 MB · 点击打开');
    fireEvent.click(file!);
    await waitFor(() =>
      expect(viewers.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/download.pdf', fileType: 'pdf', showMenu: true }),
    );
    // A public file: no session is sent with it.
    expect(viewers.downloadFile).toHaveBeenCalledWith({ url: `${API}/disclosures/31/attachments/6`, header: {} });
  });

  it('says so when a file cannot be downloaded', async () => {
    viewers.downloadFile.mockResolvedValueOnce({ statusCode: 404, tempFilePath: 'wxfile://tmp/error.json', errMsg: 'downloadFile:ok' });
    render(<Attachments disclosureId={31} items={ITEMS} />);
    fireEvent.click(screen.getByTestId('attachment-file'));
    expect((await screen.findByTestId('attachments-error')).textContent).toBe('「验收报告.pdf」没有打开：没有找到这个附件，可能已被删除');
    expect(viewers.openDocument).not.toHaveBeenCalled();
  });

  it('writes every line at 16 px or more', () => {
    const scss = readFileSync(join(__dirname, 'index.scss'), 'utf8');
    const sizes = [...scss.matchAll(/font-size:\s*(\d+)px/gi)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
  });
});
