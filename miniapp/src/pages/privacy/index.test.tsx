import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { type NetworkAnswer } from '../../../test/mocks/taro';
import PrivacyPage from './index';
import { retentionWords } from './retention-words';

const answer = (body: unknown, statusCode = 200): NetworkAnswer => ({ statusCode, data: JSON.stringify(body) });

describe('隐私说明', () => {
  it('states the period the server keeps, and the text check only when it is on', async () => {
    Taro.request.mockResolvedValueOnce(answer({ retentionDays: 730, textCheck: true }));
    render(<PrivacyPage />);
    await waitFor(() => expect(screen.getByTestId('privacy-how-long').textContent).toContain('满两年（730天）后'));
    expect(Taro.request.mock.calls[0]![0]).toMatchObject({ method: 'GET', url: 'https://api.example.test/api/v1/privacy' });
    expect(screen.getByTestId('privacy-text-check').textContent).toContain('不会因此退回、隐藏或删除您的反映');
    expect(screen.getByTestId('privacy-anonymous').textContent).toContain('不记录您的网络地址和手机型号');
    expect(screen.getByTestId('privacy-photos').textContent).toContain('去掉拍摄地点');
  });

  it('says what the server keeps by default when it cannot be asked', async () => {
    Taro.request.mockResolvedValueOnce(answer({ code: 'INTERNAL', message: '服务暂时不可用' }, 500));
    render(<PrivacyPage />);
    await waitFor(() => expect(Taro.request).toHaveBeenCalled());
    expect(screen.getByTestId('privacy-how-long').textContent).toContain('满一年（365天）后');
    expect(screen.queryByTestId('privacy-text-check')).toBeNull();
  });
});

describe('retentionWords', () => {
  it('says whole years in words, other periods in days', () => {
    expect([365, 730, 1095, 90, 400].map(retentionWords)).toEqual(['一年（365天）', '两年（730天）', '三年（1095天）', '90天', '400天']);
  });
});
