import { fireEvent, render, screen } from '@testing-library/react';
import { DeadlineRulesSchema } from '@mashang/shared';
import { describe, expect, it } from '@jest/globals';
import { COUNTY_ADMIN } from '../../../../test/accounts';
import Taro from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import AdminRulesPage from './index';

const admin = COUNTY_ADMIN;

// Through the shared schema, so the fixture holds every default the page sends back (rating, contest).
const rules = DeadlineRulesSchema.parse({
  regimes: {
    accusation: {
      label: '检举控告',
      basis: '《纪检监察机关处理检举控告工作规则》',
      deadlines: {
        acceptance: { label: '告知是否受理', days: 15, unit: 'workday', from: 'received', appliesTo: 'real_name', automatic: true },
        transfer_up: { label: '报送上级', days: 5, unit: 'workday', from: 'received', appliesTo: 'all', automatic: false },
        feedback: { label: '反馈办理结果', days: 15, unit: 'workday', from: 'concluded', appliesTo: 'real_name', automatic: true },
      },
      extension: null,
    },
    petition: {
      label: '问题反映',
      basis: '《信访工作条例》',
      deadlines: {
        acceptance: { label: '告知是否受理', days: 15, unit: 'calendar', from: 'received', appliesTo: 'all', automatic: true },
        handling: { label: '办理答复', days: 60, unit: 'calendar', from: 'accepted', appliesTo: 'all', automatic: true },
      },
      extension: { deadline: 'handling', maxDays: 30, unit: 'calendar', times: 1 },
    },
  },
  anonymousFollowsRealNameClock: true,
  calendarPeriodEndingOnHolidayMovesToNextWorkday: true,
  reminders: { before: 3, unit: 'workday' },
  escalation: { afterOverdue: 5, unit: 'workday' },
});

const answer = (body: unknown, statusCode = 200) => ({ statusCode, data: JSON.stringify(body) });

function open() {
  setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account: admin });
  render(<AdminRulesPage />);
}

describe('admin deadline rules page', () => {
  it('reads the rules in plain Chinese and says they follow the shipped rules', async () => {
    Taro.request.mockResolvedValueOnce(answer({ countyCode: '341821', overridden: false, rules, statutory: rules }));
    open();
    const accusation = await screen.findByTestId('rules-regime-accusation');
    expect(accusation.textContent).toContain('告知是否受理：自收到反映之日起 15 个工作日内');
    expect(screen.getByTestId('rules-regime-petition').textContent).toContain('办理答复：自受理之日起 60 天内');
    expect(screen.getByTestId('rules-regime-petition').textContent).toContain('每次最多 30 天');
    expect(screen.getByTestId('rules-shipped')).toBeTruthy();
    expect(screen.queryByTestId('rules-overridden')).toBeNull();
    expect(screen.queryByTestId('rules-reset')).toBeNull();
    expect(screen.getByTestId('rules-note').textContent).toContain('保存之后开始计时');
  });

  it('sends the whole rules object with the one number changed', async () => {
    Taro.request
      .mockResolvedValueOnce(answer({ countyCode: '341821', overridden: false, rules, statutory: rules }))
      .mockImplementationOnce(({ data }) =>
        Promise.resolve(answer({ countyCode: '341821', overridden: true, rules: JSON.parse(data ?? 'null') as unknown, statutory: rules })),
      );
    open();
    fireEvent.change(await screen.findByTestId('rules-days-petition-handling'), { target: { value: '45' } });
    fireEvent.click(screen.getByTestId('rules-submit'));
    await screen.findByTestId('rules-overridden');

    const sent = Taro.request.mock.calls[1]![0] as { url: string; method: string; data: string };
    expect(sent.method).toBe('PUT');
    expect(sent.url).toBe('https://api.example.test/api/v1/admin/deadline-rules');
    // A JSON copy: jsdom, like the mini program's runtime, has no `structuredClone`.
    const expected = JSON.parse(JSON.stringify(rules)) as typeof rules;
    expected.regimes.petition.deadlines.handling!.days = 45;
    expect(JSON.parse(sent.data)).toEqual(expected);
    expect(screen.getByTestId('rules-regime-petition').textContent).toContain('办理答复：自受理之日起 45 天内');
  });

  it('refuses a number out of range without sending', async () => {
    Taro.request.mockResolvedValueOnce(answer({ countyCode: '341821', overridden: false, rules, statutory: rules }));
    open();
    fireEvent.change(await screen.findByTestId('rules-reminders'), { target: { value: '99' } });
    fireEvent.click(screen.getByTestId('rules-submit'));
    await screen.findByText('有数字需要改正，见上方红字。');
    expect(Taro.request).toHaveBeenCalledTimes(1);
  });

  it('returns to the shipped rules after a confirmation', async () => {
    Taro.request
      .mockResolvedValueOnce(answer({ countyCode: '341821', overridden: true, rules, statutory: rules }))
      .mockResolvedValueOnce(answer({ countyCode: '341821', overridden: false, rules, statutory: rules }));
    open();
    fireEvent.click(await screen.findByTestId('rules-reset'));
    expect(Taro.request).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId('rules-reset-confirm'));
    await screen.findByTestId('rules-shipped');
    const sent = Taro.request.mock.calls[1]![0] as { method: string; url: string };
    expect(sent.method).toBe('DELETE');
    expect(sent.url).toBe('https://api.example.test/api/v1/admin/deadline-rules');
  });
});
