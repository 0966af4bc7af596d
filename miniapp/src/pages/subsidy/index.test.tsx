import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { setRouterParams, type NetworkAnswer } from '../../../test/mocks/taro';
import SubsidyPage from './index';

const ID = '341821199001011234';
const answer = (body: unknown, statusCode = 200): NetworkAnswer => ({ statusCode, data: JSON.stringify(body) });

function open() {
  setRouterParams({ code: '341821102201' });
  render(<SubsidyPage />);
}

function fill(name: string, idNumber: string) {
  fireEvent.change(screen.getByTestId('subsidy-name'), { target: { value: name } });
  fireEvent.change(screen.getByTestId('subsidy-id'), { target: { value: idNumber } });
  fireEvent.click(screen.getByTestId('subsidy-submit'));
}

describe('码上查', () => {
  it('sends the name and ID number in the body and shows each line found as a card, masked', async () => {
    Taro.request.mockResolvedValueOnce(
      answer({
        items: [
          {
            disclosureId: 31,
            title: '2026年耕地地力保护补贴发放名单',
            period: '2026-10',
            publishedAt: '2026-10-09T03:00:00.000Z',
            columns: ['姓名', '身份证号', '补贴金额（元）'],
            row: ['王小明', '3418**********1234', '385.00'],
          },
        ],
      }),
    );
    open();
    fill(' 王小明 ', '341821199001011234');
    const card = await screen.findByTestId('subsidy-line');
    expect(card.textContent).toContain('2026年耕地地力保护补贴发放名单');
    expect(card.textContent).toContain('2026年10月 · 2026年10月9日公布');
    expect(card.textContent).toContain('3418**********1234');
    expect(card.textContent).toContain('385.00');
    const sent = Taro.request.mock.calls[0]![0];
    expect(sent.url).toBe('https://api.example.test/api/v1/villages/341821102201/subsidy-lookup');
    expect(JSON.parse(sent.data!)).toEqual({ name: '王小明', idNumber: ID });
  });

  it('answers a miss in one plain sentence', async () => {
    Taro.request.mockResolvedValueOnce(answer({ items: [] }));
    open();
    fill('王小明', ID);
    expect((await screen.findByTestId('subsidy-none')).textContent).toContain('没有查到与您姓名和身份证号都相符的公开记录');
    expect(screen.queryByTestId('subsidy-line')).toBeNull();
  });

  it('checks the ID number before asking, and explains a rate limit', async () => {
    Taro.request.mockResolvedValueOnce(answer({ code: 'RATE_LIMITED', message: '操作太频繁了，请稍等一分钟再试' }, 429));
    open();
    fill('王', '34182119900101123');
    expect((await screen.findByTestId('error-idNumber')).textContent).toBe('请填写18位身份证号');
    expect(screen.getByTestId('error-name').textContent).toBe('请填写完整姓名');
    fill('王小明', '341821199001011236');
    expect((await screen.findByTestId('error-idNumber')).textContent).toBe('身份证号好像不对，请核对后再查');
    expect(Taro.request).not.toHaveBeenCalled();

    fill('王小明', ID);
    expect((await screen.findByTestId('subsidy-error')).textContent).toBe('查询次数太多了，请等一分钟后再查。');
  });
});
