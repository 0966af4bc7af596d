import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { routeRequests, setRouterParams } from '../../../../test/mocks/taro';
import { TOWNSHIP_HANDLER } from '../../../../test/accounts';
import { setSession } from '../../../stores/session-store';
import { chinaToday } from '../../utils';
import CasePage from './index';
import { daysFromToday } from './supervision';

/** Dates of this year read without their year: fixtures are dated this year so the words hold in any year. */
const YEAR = chinaToday().slice(0, 4);

const account = TOWNSHIP_HANDLER;

const acceptance = {
  kind: 'acceptance',
  dueOn: '2026-12-18',
  provisional: false,
  metAt: null,
  overdue: false,
  daysLeft: 2,
  unit: 'workday',
  left: 2,
};

const county = {
  ...account,
  id: 5,
  username: 'county',
  displayName: '周县纪委',
  role: 'county_supervisor',
  regionCode: '341821',
  regionName: '青溪县',
} as const;

const detail = {
  reportNo: 'K7M3Q9X2TA',
  villageCode: '341821102201',
  villageName: '东山村',
  category: 'welfare_funds',
  track: 'accusation',
  mode: 'real_name',
  status: 'submitted',
  receivedAt: '2026-11-27T08:00:00.000Z',
  nextDue: acceptance,
  level: 'township',
  escalated: false,
  assignee: null,
  townshipName: '桃源镇',
  supervisionDue: null,
  content: '低保名单里有已经去世两年的人，还在领钱',
  concerned: '村会计',
  happenedAt: null,
  subject: null,
  citation: null,
  channel: 'online',
  deadlines: [acceptance],
  timeline: [{ at: '2026-11-27T08:00:00.000Z', type: 'submitted', actor: '反映人', publicText: '收到反映', internalText: null }],
  rating: null,
  extensionUsed: false,
  extensionRequestedDays: null,
  actions: ['accept', 'decline', 'note'],
  supervisions: [] as unknown[],
  supervisionActions: [] as string[],
};

const answer = (body: unknown, statusCode = 200) => ({ statusCode, data: JSON.stringify(body) });

function open() {
  setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
  setRouterParams({ no: detail.reportNo });
  render(<CasePage />);
}

describe('case page', () => {
  it('shows the report and only the actions the server allows', async () => {
    Taro.request.mockResolvedValueOnce(answer(detail));
    open();
    expect((await screen.findByTestId('case-content')).textContent).toBe(detail.content);
    expect(screen.getByTestId('case-status').textContent).toBe('待受理');
    expect(screen.getByTestId('deadline-left-acceptance').textContent).toBe('还剩2个工作日');
    expect(screen.getByTestId('action-accept')).toBeTruthy();
    expect(screen.getByTestId('action-decline')).toBeTruthy();
    expect(screen.getByTestId('action-note')).toBeTruthy();
    expect(screen.queryByTestId('action-reply')).toBeNull();
    expect(screen.queryByTestId('action-close')).toBeNull();
    const sent = Taro.request.mock.calls[0]![0] as { url: string; header: Record<string, string> };
    expect(sent.url).toBe('https://api.example.test/api/v1/staff/cases/K7M3Q9X2TA');
    expect(sent.header.Authorization).toBe('Bearer tok');
  });

  it('says which table line the report questions and opens the disclosure', async () => {
    const cited = {
      ...detail,
      citation: {
        kind: 'disclosure' as const,
        disclosureId: 42,
        title: '2026年耕地地力保护补贴发放名单',
        versionNo: 1,
        superseded: true,
        columns: ['姓名', '补贴金额（元）'],
        row: ['王大山', '1200.00'],
      },
    };
    Taro.request.mockResolvedValueOnce(answer(cited));
    open();
    const citation = await screen.findByTestId('case-citation');
    expect(citation.textContent).toContain('对公开内容《2026年耕地地力保护补贴发放名单》（第1版）中这一行的疑问');
    expect(citation.textContent).toContain('姓名：王大山');
    expect(citation.textContent).toContain('补贴金额（元）：1200.00');
    expect(citation.textContent).toContain('已更正或撤回');
    fireEvent.click(screen.getByTestId('case-citation-open'));
    // Corrected since: it opens the version the reporter questioned.
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/disclosure/index?id=42&version=1' });
  });

  it('submits an action with its body and shows the updated case', async () => {
    Taro.request
      .mockResolvedValueOnce(answer(detail))
      .mockResolvedValueOnce(answer({ ...detail, status: 'accepted', actions: ['reply', 'conclude', 'request_extension', 'note'] }));
    open();
    fireEvent.click(await screen.findByTestId('action-accept'));
    fireEvent.change(screen.getByTestId('action-form-text'), { target: { value: '您反映的问题已受理。' } });
    fireEvent.click(screen.getByTestId('action-submit'));
    await waitFor(() => expect(screen.getByTestId('case-status').textContent).toBe('办理中'));
    const sent = Taro.request.mock.calls[1]![0] as { url: string; method: string; data: string };
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('https://api.example.test/api/v1/staff/cases/K7M3Q9X2TA/actions');
    expect(JSON.parse(sent.data)).toEqual({
      action: 'accept',
      publicText: '您反映的问题已受理。',
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(screen.getByTestId('action-reply')).toBeTruthy();
    expect(screen.queryByTestId('action-accept')).toBeNull();
  });

  it('checks a form before sending, shows a refusal with the server message, and reloads the true state', async () => {
    Taro.request
      .mockResolvedValueOnce(answer(detail))
      .mockResolvedValueOnce(answer({ code: 'ACTION_NOT_ALLOWED', message: '当前状态下不能进行这项操作' }, 409))
      // Another handler accepted it meanwhile.
      .mockResolvedValueOnce(answer({ ...detail, status: 'accepted', actions: ['reply', 'note'] }));
    open();
    fireEvent.click(await screen.findByTestId('action-decline'));
    fireEvent.change(screen.getByTestId('action-form-text'), { target: { value: '太短' } });
    fireEvent.click(screen.getByTestId('action-submit'));
    expect((await screen.findByTestId('action-error')).textContent).toBe('理由至少5个字');
    expect(Taro.request).toHaveBeenCalledTimes(1);

    fireEvent.change(screen.getByTestId('action-form-text'), { target: { value: '不属于纪检监察机关受理范围' } });
    fireEvent.click(screen.getByTestId('action-submit'));
    await waitFor(() => expect(screen.getByTestId('action-error').textContent).toBe('当前状态下不能进行这项操作'));
    expect(JSON.parse((Taro.request.mock.calls[1]![0] as { data: string }).data)).toEqual({
      action: 'decline',
      reason: '不属于纪检监察机关受理范围',
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    await waitFor(() => expect(screen.getByTestId('case-status').textContent).toBe('办理中'));
    expect(screen.queryByTestId('action-decline')).toBeNull();
  });

  it('reveals a real-name reporter only after the confirmation', async () => {
    Taro.request.mockResolvedValueOnce(answer(detail)).mockResolvedValueOnce(answer({ name: '张三', phone: '13800001234' }));
    open();
    fireEvent.click(await screen.findByTestId('reveal-button'));
    expect(screen.getByTestId('reveal-dialog').textContent).toContain('审计日志');
    expect(Taro.request).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId('reveal-confirm'));
    expect((await screen.findByTestId('reporter-identity')).textContent).toBe('张三 · 13800001234');
    // The phone is a link that calls it.
    fireEvent.click(screen.getByTestId('phone-link'));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800001234' });
    expect((Taro.request.mock.calls[1]![0] as { url: string }).url).toBe('https://api.example.test/api/v1/staff/cases/K7M3Q9X2TA/reveal');
  });

  it('says beside the hidden identity how the reporter’s phone was verified', async () => {
    Taro.request.mockResolvedValueOnce(answer({ ...detail, reporterPhoneVerified: 'wechat' }));
    open();
    expect((await screen.findByTestId('phone-verified')).textContent).toBe('手机号已验证（微信）');
    expect(screen.queryByTestId('reporter-identity')).toBeNull(); // the label reveals nothing
  });

  it('shows no verification for a phone typed in', async () => {
    Taro.request.mockResolvedValueOnce(answer(detail));
    open();
    await screen.findByTestId('reveal-button');
    expect(screen.queryByTestId('phone-verified')).toBeNull();
  });

  it('assigns a handler picked from the jurisdiction’s staff', async () => {
    routeRequests(({ url, method }) => {
      if (url.endsWith('/staff/handlers'))
        return answer({
          items: [
            { id: 2, displayName: '李纪委', regionName: '桃源镇' },
            { id: 8, displayName: '陈干部', regionName: '桃源镇' },
          ],
        });
      if (method === 'POST') return answer({ ...detail, assignee: '陈干部', actions: ['accept', 'decline', 'assign', 'note'] });
      return answer({ ...detail, actions: ['accept', 'decline', 'assign', 'note'] });
    });
    open();
    fireEvent.click(await screen.findByTestId('action-assign'));
    fireEvent.click(await screen.findByTestId('action-form-assignee'));
    fireEvent.click(screen.getByTestId('action-form-assignee-option-8'));
    expect(screen.getByTestId('action-form-assignee').textContent).toContain('陈干部（桃源镇）');
    fireEvent.click(screen.getByTestId('action-submit'));
    await screen.findByTestId('action-done');
    const post = Taro.request.mock.calls.map((c) => c[0] as { method: string; data: string }).find((r) => r.method === 'POST')!;
    expect(JSON.parse(post.data)).toEqual({ action: 'assign', assigneeId: 8, idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('transfers a case to another township picked from the county', async () => {
    routeRequests(({ url, method }) => {
      if (url.endsWith('/staff/townships')) return answer({ items: [{ code: '341821103', name: '石门镇' }] });
      if (method === 'POST') return answer({ ...detail, actions: [] });
      return answer({ ...detail, actions: ['accept', 'transfer_township', 'note'] });
    });
    open();
    fireEvent.click(await screen.findByTestId('action-transfer_township'));
    fireEvent.click(await screen.findByTestId('action-form-township'));
    fireEvent.click(screen.getByTestId('action-form-township-option-341821103'));
    fireEvent.change(screen.getByTestId('action-form-text'), { target: { value: '被反映人是石门镇干部' } });
    fireEvent.click(screen.getByTestId('action-submit'));
    await screen.findByTestId('action-done');
    const post = Taro.request.mock.calls.map((c) => c[0] as { method: string; data: string }).find((r) => r.method === 'POST')!;
    expect(JSON.parse(post.data)).toEqual({
      action: 'transfer_township',
      townshipCode: '341821103',
      reason: '被反映人是石门镇干部',
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('labels timeline events with the shared names', async () => {
    Taro.request.mockResolvedValueOnce(
      answer({
        ...detail,
        timeline: [
          ...detail.timeline,
          { at: '2026-12-20T01:00:00.000Z', type: 'escalated', actor: '系统', publicText: null, internalText: null },
        ],
      }),
    );
    open();
    const timeline = await screen.findByTestId('case-timeline');
    expect(timeline.textContent).toContain('收到反映');
    expect(timeline.textContent).toContain('逾期提级督办');
  });

  it('goes to login when the session has ended', async () => {
    Taro.request.mockResolvedValueOnce(answer({ code: 'UNAUTHENTICATED', message: '请先登录' }, 401));
    open();
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/pages/login/index' }));
  });
  it('refuses an extension with a reason the reporter reads', async () => {
    const county = {
      ...account,
      id: 5,
      username: 'county',
      role: 'county_supervisor',
      regionCode: '341821',
      regionName: '青溪县',
    } as const;
    const pending = {
      ...detail,
      status: 'accepted',
      extensionRequestedDays: 30,
      actions: ['approve_extension', 'refuse_extension', 'note'],
    };
    Taro.request
      .mockResolvedValueOnce(answer(pending))
      .mockResolvedValueOnce(answer({ ...pending, extensionRequestedDays: null, actions: ['note'] }));
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account: county });
    setRouterParams({ no: detail.reportNo });
    render(<CasePage />);
    fireEvent.click(await screen.findByTestId('action-refuse_extension'));
    fireEvent.change(screen.getByTestId('action-form-text'), { target: { value: '材料已经齐全，可以按时答复' } });
    fireEvent.click(screen.getByTestId('action-submit'));
    await screen.findByTestId('action-done');
    const post = Taro.request.mock.calls.map((c) => c[0] as { method: string; data: string }).find((r) => r.method === 'POST')!;
    expect(JSON.parse(post.data)).toEqual({
      action: 'refuse_extension',
      reason: '材料已经齐全，可以按时答复',
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it("records a county callback's rating on an answered case", async () => {
    const replied = { ...detail, status: 'replied', actions: ['note'] };
    Taro.request
      .mockResolvedValueOnce(answer(replied))
      .mockResolvedValueOnce(answer({ ...replied, rating: 'satisfied', status: 'closed' }));
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account: county });
    setRouterParams({ no: detail.reportNo });
    render(<CasePage />);
    fireEvent.click(await screen.findByTestId('callback-satisfied'));
    fireEvent.click(screen.getByTestId('callback-submit'));
    await waitFor(() => expect(screen.queryByTestId('callback-rating')).toBeNull());
    expect(screen.getByTestId('case-status').textContent).toBe('已办结');
    const post = Taro.request.mock.calls
      .map((c) => c[0] as { method: string; url: string; data: string })
      .find((r) => r.method === 'POST')!;
    expect(post.url).toBe('https://api.example.test/api/v1/staff/cases/K7M3Q9X2TA/callback-rating');
    expect(JSON.parse(post.data)).toMatchObject({ rating: 'satisfied' });
  });

  it('lets the county 督办 a late case with a date it picks, and shows the 督办 with its own clock', async () => {
    const late = { ...detail, escalated: true, supervisionActions: ['supervise', 'urge'] };
    const supervised = {
      ...late,
      supervisionActions: ['urge'],
      supervisions: [
        {
          id: 1,
          kind: 'supervise',
          text: '请于5日内核实低保名单并书面回复',
          by: '县纪委 周县纪委',
          at: '2026-11-28T02:00:00.000Z',
          due: {
            kind: 'supervision',
            dueOn: `${YEAR}-12-03`,
            provisional: false,
            metAt: null,
            overdue: false,
            daysLeft: 5,
            unit: 'calendar',
            left: 5,
          },
          answer: null,
          endedAt: null,
        },
      ],
    };
    routeRequests(({ url, method }) => answer(method === 'POST' && url.endsWith('/supervise') ? supervised : late));
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account: county });
    setRouterParams({ no: detail.reportNo });
    render(<CasePage />);
    fireEvent.click(await screen.findByTestId('supervision-open-supervise'));
    // Too short: said at the field, nothing sent.
    fireEvent.change(screen.getByTestId('supervision-text'), { target: { value: '快办' } });
    fireEvent.click(screen.getByTestId('supervision-submit'));
    expect((await screen.findByTestId('error-supervision-text')).textContent).toBe('督办要求至少10个字');
    expect(Taro.request.mock.calls.filter((c) => (c[0] as { method: string }).method === 'POST')).toHaveLength(0);

    fireEvent.change(screen.getByTestId('supervision-text'), { target: { value: '请于5日内核实低保名单并书面回复' } });
    fireEvent.click(screen.getByTestId('supervision-days-5'));
    fireEvent.click(screen.getByTestId('supervision-submit'));
    expect((await screen.findByTestId('supervision-done')).textContent).toBe('已督办');
    const post = Taro.request.mock.calls
      .map((c) => c[0] as { method: string; url: string; data: string })
      .find((r) => r.method === 'POST')!;
    expect(post.url).toBe('https://api.example.test/api/v1/staff/cases/K7M3Q9X2TA/supervise');
    expect(JSON.parse(post.data)).toEqual({
      text: '请于5日内核实低保名单并书面回复',
      dueOn: daysFromToday(5),
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(screen.getByTestId('supervision-due').textContent).toBe('回复督办 12月3日，还剩5天');
    expect(screen.getByTestId('supervision-supervise').textContent).toContain('等待乡镇纪委回复');
    expect(screen.queryByTestId('supervision-open-supervise')).toBeNull();
    expect(screen.getByTestId('supervision-open-urge')).toBeTruthy();
  });

  it("lets the township answer the county's 督办", async () => {
    const supervision = {
      id: 1,
      kind: 'supervise',
      text: '请于5日内核实低保名单并书面回复',
      by: '县纪委 周县纪委',
      at: '2026-11-28T02:00:00.000Z',
      due: {
        kind: 'supervision',
        dueOn: `${YEAR}-11-27`,
        provisional: false,
        metAt: null,
        overdue: true,
        daysLeft: -1,
        unit: 'calendar',
        left: 0,
      },
      answer: null,
      endedAt: null,
    };
    const owed = { ...detail, supervisions: [supervision], supervisionActions: ['answer'] };
    const reply = '已入户核实，名单有误的两户已停发并追回。';
    const answered = {
      ...owed,
      supervisionActions: [],
      supervisions: [
        {
          ...supervision,
          due: { ...supervision.due, metAt: '2026-11-28T03:00:00.000Z' },
          answer: { text: reply, by: '李纪委', at: '2026-11-28T03:00:00.000Z' },
        },
      ],
    };
    routeRequests(({ method }) => answer(method === 'POST' ? answered : owed));
    open();
    expect((await screen.findByTestId('supervision-due')).textContent).toBe('回复督办 11月27日，已逾期1天');
    fireEvent.click(screen.getByTestId('supervision-open-answer'));
    fireEvent.change(screen.getByTestId('supervision-text'), { target: { value: reply } });
    fireEvent.click(screen.getByTestId('supervision-submit'));
    expect((await screen.findByTestId('supervision-answer')).textContent).toContain(reply);
    expect(screen.getByTestId('supervision-due').textContent).toBe('回复督办 11月27日，已完成');
    const post = Taro.request.mock.calls.map((c) => c[0] as { method: string; url: string }).find((r) => r.method === 'POST')!;
    expect(post.url).toBe('https://api.example.test/api/v1/staff/cases/K7M3Q9X2TA/supervision-answer');
  });

  it('shows a 督办 that ended with the case leaving the township as ended, not as waiting for an answer', async () => {
    const ended = {
      id: 1,
      kind: 'supervise',
      text: '请于5日内核实低保名单并书面回复',
      by: '县纪委 周县纪委',
      at: '2026-11-20T02:00:00.000Z',
      due: null,
      answer: null,
      endedAt: '2026-11-22T03:00:00.000Z',
    };
    routeRequests(() => answer({ ...detail, supervisions: [ended], supervisionActions: [] }));
    open();
    expect((await screen.findByTestId('supervision-ended')).textContent).toContain('督办终止');
    expect(screen.getByTestId('supervision-supervise').textContent).not.toContain('等待乡镇纪委回复');
    expect(screen.queryByTestId('supervision-due')).toBeNull();
  });
});
