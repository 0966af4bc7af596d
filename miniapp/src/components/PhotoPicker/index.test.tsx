import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import Taro from '../../../test/mocks/taro';
import PhotoPicker from './index';

type Media = { tempFilePath: string; size: number; fileType: 'image' };
const picker = {
  chooseMedia: jest.fn((_options: { count: number; mediaType: string[]; sourceType: string[] }) =>
    Promise.resolve({ tempFiles: [] as Media[], type: 'image' }),
  ),
  uploadFile: jest.fn((_options: { url: string; filePath: string; name: string }) =>
    Promise.resolve({ statusCode: 201, data: '', errMsg: 'uploadFile:ok' }),
  ),
};
Object.assign(Taro, picker);

const MB = 1024 * 1024;
const receipt = (id: string) => JSON.stringify({ id, kind: 'image', type: 'image/jpeg', size: 300_000 });

describe('PhotoPicker', () => {
  beforeEach(() => {
    picker.chooseMedia.mockReset();
    picker.uploadFile.mockReset();
  });

  it('says the limits and that location details go before anything is picked', () => {
    render(<PhotoPicker onChange={() => {}} onBusy={() => {}} />);
    expect(screen.getByTestId('photo-limits').textContent).toBe(
      '可以加照片，最多 6 个，每个不超过 10MB。照片的拍摄地点、手机型号等信息会自动去掉。',
    );
    expect(screen.getByTestId('photo-add').textContent).toBe('＋ 添加照片');
  });

  it('sends each photo picked as a file of its own, leaves out one too big with a sentence, and passes the ids on', async () => {
    picker.chooseMedia.mockResolvedValueOnce({
      tempFiles: [
        { tempFilePath: 'wxfile://tmp/a.jpg', size: 2 * MB, fileType: 'image' },
        { tempFilePath: 'wxfile://tmp/big.jpg', size: 11 * MB, fileType: 'image' },
        { tempFilePath: 'wxfile://tmp/b.jpg', size: 3 * MB, fileType: 'image' },
      ],
      type: 'image',
    });
    picker.uploadFile
      .mockResolvedValueOnce({ statusCode: 201, data: receipt('AAAAAAAAAAAAAAAAAAAAAAA1'), errMsg: 'uploadFile:ok' })
      .mockResolvedValueOnce({ statusCode: 201, data: receipt('AAAAAAAAAAAAAAAAAAAAAAA2'), errMsg: 'uploadFile:ok' });
    const onChange = jest.fn<(ids: string[]) => void>();
    const onBusy = jest.fn<(busy: boolean) => void>();
    render(<PhotoPicker onChange={onChange} onBusy={onBusy} />);
    fireEvent.click(screen.getByTestId('photo-add'));

    await waitFor(() => expect(screen.getAllByTestId('photo-item')).toHaveLength(2));
    expect(picker.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 6, mediaType: ['image'] }));
    expect(picker.uploadFile.mock.calls.map(([o]) => [o.url, o.filePath, o.name])).toEqual([
      ['https://api.example.test/api/v1/uploads', 'wxfile://tmp/a.jpg', 'file'],
      ['https://api.example.test/api/v1/uploads', 'wxfile://tmp/b.jpg', 'file'],
    ]);
    expect(onChange).toHaveBeenLastCalledWith(['AAAAAAAAAAAAAAAAAAAAAAA1', 'AAAAAAAAAAAAAAAAAAAAAAA2']);
    expect(onBusy.mock.calls).toEqual([[true], [false]]);
    expect(screen.getByTestId('photo-problem').textContent).toBe('有一张照片太大了：每个不能超过10MB，请换一张或压缩后再选');
    expect(screen.getByTestId('photo-add').textContent).toBe('再加照片（还能加 4 个）');

    fireEvent.click(screen.getAllByTestId('photo-remove')[0]!);
    expect(onChange).toHaveBeenLastCalledWith(['AAAAAAAAAAAAAAAAAAAAAAA2']);
  });

  it('says what the server refused, in its words, and keeps nothing of that photo', async () => {
    picker.chooseMedia.mockResolvedValueOnce({
      tempFiles: [{ tempFilePath: 'wxfile://tmp/x.jpg', size: MB, fileType: 'image' }],
      type: 'image',
    });
    picker.uploadFile.mockResolvedValueOnce({
      statusCode: 422,
      data: JSON.stringify({ code: 'ATTACHMENT_UNREADABLE', message: '文件已损坏或不完整，打不开，请重新选择' }),
      errMsg: 'uploadFile:ok',
    });
    const onChange = jest.fn<(ids: string[]) => void>();
    render(<PhotoPicker onChange={onChange} onBusy={() => {}} />);
    fireEvent.click(screen.getByTestId('photo-add'));
    await waitFor(() =>
      expect(screen.getByTestId('photo-problem').textContent).toBe('有一张照片没有加上：文件已损坏或不完整，打不开，请重新选择'),
    );
    expect(screen.queryAllByTestId('photo-item')).toHaveLength(0);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('stops at six', async () => {
    picker.chooseMedia.mockResolvedValueOnce({
      tempFiles: Array.from({ length: 6 }, (_, i) => ({ tempFilePath: `wxfile://tmp/${i}.jpg`, size: MB, fileType: 'image' as const })),
      type: 'image',
    });
    picker.uploadFile.mockImplementation(({ filePath }) =>
      Promise.resolve({ statusCode: 201, data: receipt(`${'B'.repeat(23)}${filePath.slice(-5, -4)}`), errMsg: 'uploadFile:ok' }),
    );
    render(<PhotoPicker onChange={() => {}} onBusy={() => {}} />);
    fireEvent.click(screen.getByTestId('photo-add'));
    await waitFor(() => expect(screen.getAllByTestId('photo-item')).toHaveLength(6));
    expect(screen.getByTestId('photo-add').textContent).toBe('已加 6 个，不能再加');
    fireEvent.click(screen.getByTestId('photo-add'));
    expect(picker.chooseMedia).toHaveBeenCalledTimes(1);
  });

  it('writes every line at 16 px or more', () => {
    const scss = readFileSync(join(__dirname, 'index.scss'), 'utf8');
    const sizes = [...scss.matchAll(/font-size:\s*(\d+)px/gi)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
  });
});
