import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { routeRequests, type NetworkAnswer } from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import DisclosuresPage from './index';
import { setPhoneClock } from '../../../../test/phone-clock';

const TOWNSHIP = {
  id: 3,
  username: 'taoyuan',
  displayName: '李纪委',
  role: 'township_handler',
  regionCode: '341821102',
  regionName: '桃源镇',
  disabled: false,
  mustChangePassword: false,
  twoFactorEnabled: false,
  twoFactorRequired: false,
} as const;
const PUBLISHER = {
  id: 7,
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

const row = (id: number, status: string, openStatus: string | null, openAction: string | null, villageName = '东山村') => ({
  id,
  villageCode: '341821102201',
  villageName,
  kind: 'finance',
  type: 'subsidy_list',
  title: `补贴发放名单${id}`,
  period: '2026-10',
  status,
  openStatus,
  openAction,
  correctionRequired: false,
  updatedAt: '2026-11-20T02:00:00.000Z',
});

const ROWS = [
  row(1, 'unpublished', 'submitted', 'publish'),
  row(2, 'published', 'submitted', 'correct'),
  row(3, 'published', 'submitted', 'withdraw'),
  row(4, 'published', 'draft', 'correct'),
  row(5, 'published', 'returned', 'correct'),
  row(6, 'published', null, null),
];

/** The server's today, China time: the page counts days late from it. */
const AS_OF = '2026-11-28';
/** A date `days` before the server's today. */
const daysAgo = (days: number) => new Date(Date.parse(AS_OF) - days * 86_400_000).toISOString().slice(0, 10);

const OVERDUE = [
  { villageCode: '341821102202', villageName: '西河村', kind: 'finance', period: '2026-10', dueOn: daysAgo(18) },
  { villageCode: '341821102203', villageName: '柳塘村', kind: 'party', period: '2026-Q3', dueOn: daysAgo(44) },
];

const answer = (body: unknown, statusCode = 200): NetworkAnswer => ({ statusCode, data: JSON.stringify(body) });

function open(account: typeof TOWNSHIP | typeof PUBLISHER) {
  setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
  routeRequests(({ url }) => {
    if (url.includes('/staff/disclosure-overdue')) return answer({ items: OVERDUE, asOf: AS_OF });
    if (url.includes('/staff/villages'))
      return answer({
        items: [
          { code: '341821102201', name: '东山村', townshipName: '桃源镇' },
          { code: '341821102202', name: '西河村', townshipName: '桃源镇' },
          { code: '341821102203', name: '柳塘村', townshipName: '桃源镇' },
        ],
      });
    return answer({ items: ROWS });
  });
  render(<DisclosuresPage />);
}

describe('staff disclosure list', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('tells a correction and a withdrawal awaiting co-signature from a first publication', async () => {
    open(PUBLISHER);
    await screen.findAllByTestId('disclosure-row');
    expect(screen.getAllByTestId('disclosure-open-status').map((t) => t.textContent)).toEqual([
      '待监委会签',
      '更正待监委会签',
      '撤回待监委会签',
      '更正草稿',
      '更正被退回修改',
    ]);
    // Village staff have no overdue tab: it is the township's and county's view of every village.
    expect(screen.queryByTestId('tab-overdue')).toBeNull();
  });

  it('gives the township a tab of the periods its villages have not published on time', async () => {
    open(TOWNSHIP);
    await screen.findAllByTestId('disclosure-row');
    expect((await screen.findByTestId('tab-overdue')).textContent).toBe('未按时公开 2');
    fireEvent.click(screen.getByTestId('tab-overdue'));
    const rows = screen.getAllByTestId('overdue-row').map((r) => r.textContent);
    expect(rows).toEqual([
      '西河村财务2026年10月的财务应于' + overdueDay(OVERDUE[0]!.dueOn) + '前公开逾期18天',
      '柳塘村党务2026年第三季度的党务应于' + overdueDay(OVERDUE[1]!.dueOn) + '前公开逾期44天',
    ]);
    expect(screen.queryByTestId('disclosure-row')).toBeNull();

    // The kind filter narrows this tab as it does the list.
    fireEvent.click(screen.getByTestId('filter-kind-party'));
    expect(screen.getAllByTestId('overdue-row')).toHaveLength(1);
    expect(screen.getByTestId('tab-overdue').textContent).toBe('未按时公开 1');
    fireEvent.click(screen.getByTestId('filter-kind-village'));
    expect(screen.getByTestId('overdue-empty').textContent).toBe('所选范围内没有未按时公开的。');
  });

  it('counts days late from the server’s date, not from a staff phone whose clock is wrong', async () => {
    // The phone thinks it is March next year (its clock alone is faked; the page's timers run as usual).
    setPhoneClock(new Date('2027-03-01T02:00:00Z'));
    open(TOWNSHIP);
    fireEvent.click(await screen.findByTestId('tab-overdue'));
    const rows = await screen.findAllByTestId('overdue-row');
    expect(rows.map((r) => r.textContent?.match(/逾期\d+天$/)?.[0])).toEqual(['逾期18天', '逾期44天']);
  });
});

/** 「11月10日」, or with its year when the due date falls in another year than the period (2026). */
function overdueDay(dueOn: string): string {
  const [y, m, d] = dueOn.split('-').map(Number);
  return `${y === 2026 ? '' : `${y}年`}${m}月${d}日`;
}
