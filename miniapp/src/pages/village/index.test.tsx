import { render, screen } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { setRouterParams, type NetworkAnswer } from '../../../test/mocks/taro';
import VillagePageView from './index';

const answer = (body: unknown, statusCode = 200): NetworkAnswer => ({ statusCode, data: JSON.stringify(body) });

function page(overdue: unknown[]) {
  return {
    village: { code: '341821102202', name: '西河村' },
    township: { code: '341821102', name: '桃源镇', hotline: null },
    county: { code: '341821', name: '青溪县' },
    powerList: [],
    disclosures: { party: [], village: [], finance: [] },
    record: { asOf: '2026-11-27', received: 0, answered: 0, answeredOnTime: 0 },
    overdue,
  };
}

function open(overdue: unknown[]) {
  Taro.request.mockResolvedValueOnce(answer(page(overdue)));
  setRouterParams({ code: '341821102202' });
  render(<VillagePageView />);
}

describe('village page', () => {
  it('says plainly, in the 三务公开 section, each period the village has not published on time', async () => {
    open([
      { kind: 'finance', period: '2026-10', dueOn: '2026-11-10' },
      { kind: 'party', period: '2026-Q3', dueOn: '2026-10-15' },
    ]);
    const notices = await screen.findAllByTestId('overdue');
    expect(notices.map((n) => n.textContent)).toEqual([
      '本期财务未按时公开2026年10月的财务应于11月10日前公开',
      '本期党务未按时公开2026年第三季度的党务应于10月15日前公开',
    ]);
    expect(screen.getByTestId('disclosure-list').textContent).toContain('本期财务未按时公开');
  });

  it('shows no warning for a village that is up to date', async () => {
    open([]);
    expect((await screen.findByTestId('disclosure-list')).textContent).toContain('本村还没有公开内容。');
    expect(screen.queryByTestId('overdue')).toBeNull();
  });
});
