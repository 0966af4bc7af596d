import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { routeRequests, setRouterParams, type SentRequest } from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import PowerItemEditPage from './index';

const publisher = {
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

const chart = {
  nodes: [
    { id: 'a', label: '取得票据', risks: [] },
    { id: 'b', label: '按月公开', risks: [], end: true },
  ],
  edges: [{ from: 'a', to: 'b' }],
};
const content = {
  category: 'finance',
  title: '村级财务开支审批',
  basis: '《农村集体经济组织财务制度》',
  responsible: '村报账员',
  publicity: ['月度收支汇总'],
  chart,
};
const offered = { ...content, chart: { ...chart, nodes: [{ ...chart.nodes[0]!, risks: ['白条入账'] }, chart.nodes[1]!] } };
const base = {
  id: 5,
  village: { code: '341821102201', name: '东山村' },
  canEdit: true,
  version: 3,
  content,
  template: { id: 9, title: '村级财务开支审批', followsVersion: 1, latestVersion: 2 },
  adjusted: true,
  updatedAt: '2026-11-20T02:00:00.000Z',
};
const withOffer = {
  ...base,
  offer: {
    fromVersion: 1,
    toVersion: 2,
    changes: [{ field: 'chart', label: '流程图', lines: ['“取得票据”新增廉政风险点：白条入账'], villageAdjusted: true }],
    result: offered,
  },
};

function open(answer: (request: SentRequest) => unknown) {
  setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account: publisher });
  setRouterParams({ id: '5' });
  routeRequests((request) => ({ statusCode: 200, data: JSON.stringify(answer(request)) }));
  render(<PowerItemEditPage />);
}

describe('a village’s power item', () => {
  it('says what the county changed, warns where the village had changed it too, and takes the version shown', async () => {
    open(({ method }) =>
      method === 'GET'
        ? withOffer
        : { ...base, version: 4, content: offered, template: { ...base.template, followsVersion: 2 }, offer: null },
    );
    const offer = await screen.findByTestId('template-offer');
    expect(offer.textContent).toContain('县里更新了模板');
    expect(offer.textContent).toContain('本村现在用的是第1版，县里已更新到第2版');
    expect(screen.getByTestId('offer-change-chart').textContent).toContain('“取得票据”新增廉政风险点：白条入账');
    expect(screen.getByTestId('offer-change-chart').textContent).toContain('本村改过这一项');

    fireEvent.click(screen.getByTestId('accept-update'));
    expect((await screen.findByTestId('item-message')).textContent).toBe('已接受县里的第2版，村页面上已更新。');
    const sent = Taro.request.mock.calls[1]![0];
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('https://api.example.test/api/v1/staff/power-items/5/accept-update');
    expect(JSON.parse(sent.data!)).toEqual({ version: 3, templateVersion: 2 });
    expect(screen.queryByTestId('template-offer')).toBeNull();
  });

  it('keeps the village’s copy when it declines', async () => {
    open(({ method }) =>
      method === 'GET' ? withOffer : { ...base, version: 4, template: { ...base.template, followsVersion: 2 }, offer: null },
    );
    fireEvent.click(await screen.findByTestId('decline-update'));
    expect((await screen.findByTestId('item-message')).textContent).toBe('已保留本村的内容。县里再更新时会再提示。');
    expect(Taro.request.mock.calls[1]![0].url).toBe('https://api.example.test/api/v1/staff/power-items/5/decline-update');
  });

  it('does not send a chart that breaks the rules, and says how many things are left to fix', async () => {
    open(() => ({ ...base, offer: null }));
    fireEvent.click(await screen.findByTestId('step-end-1'));
    expect(screen.getByTestId('step-problems-1').textContent).toContain('「按月公开」之后没有下一步');
    fireEvent.click(screen.getByTestId('save-item'));
    expect(screen.getByTestId('item-message').textContent).toBe('还有1处要改，请按红字提示修改后再保存。');
    expect(Taro.request).toHaveBeenCalledTimes(1);
  });
});
