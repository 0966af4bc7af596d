import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { routeRequests, setRouterParams, type NetworkAnswer, type SentRequest } from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import StaffDisclosurePage from './index';

const ACCOUNTS: Record<
  'village_publisher' | 'village_supervisor' | 'township_handler',
  { displayName: string; regionCode: string; regionName: string }
> = {
  village_publisher: { displayName: '陈报账', regionCode: '341821102201', regionName: '东山村' },
  village_supervisor: { displayName: '赵监督', regionCode: '341821102201', regionName: '东山村' },
  township_handler: { displayName: '李桃源', regionCode: '341821102', regionName: '桃源镇' },
};

const table = { columns: ['姓名', '身份证号', '补贴金额（元）'], rows: [['王小明', '3418**********1234', '385.00']] };

function version(versionNo: number, status: string, action = 'publish', extra: Record<string, unknown> = {}) {
  return {
    versionNo,
    action,
    status,
    title: '2026年耕地地力保护补贴发放名单',
    period: '2026-10',
    body: '补贴标准每亩110元。',
    table,
    reason: null,
    draftedBy: '陈报账',
    draftedAt: '2026-10-08T02:00:00.000Z',
    submittedAt: status === 'draft' ? null : '2026-10-08T03:00:00.000Z',
    reviewedBy: status === 'published' || status === 'returned' ? '赵监督' : null,
    reviewedAt: status === 'published' || status === 'returned' ? '2026-10-09T03:00:00.000Z' : null,
    reviewComment: null,
    ...extra,
  };
}

function disclosure(
  open: ReturnType<typeof version> | null,
  status = 'unpublished',
  versions = open ? [open] : [],
  correctionRequired: string | null = null,
) {
  return {
    id: 31,
    villageCode: '341821102201',
    villageName: '东山村',
    kind: 'finance',
    type: 'subsidy_list',
    status,
    open,
    versions,
    correctionRequired,
    history: [{ at: '2026-10-08T02:00:00.000Z', actor: '陈报账', action: '起草', comment: null }],
  };
}

const SUBMITTED = disclosure(version(1, 'submitted'));
const PUBLISHED = disclosure(null, 'published', [version(1, 'published')]);

const answer = (body: unknown, statusCode = 200): NetworkAnswer => ({ statusCode, data: JSON.stringify(body) });
const posts = () => Taro.request.mock.calls.map((c) => c[0]).filter((r: SentRequest) => r.method === 'POST');

function open(role: keyof typeof ACCOUNTS) {
  setSession({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00.000Z',
    account: {
      id: 7,
      username: role,
      role,
      disabled: false,
      mustChangePassword: false,
      twoFactorEnabled: false,
      twoFactorRequired: false,
      ...ACCOUNTS[role],
    },
  });
  setRouterParams({ id: '31' });
  render(<StaffDisclosurePage />);
}

describe('staff disclosure page', () => {
  it('lets the supervisor co-sign a submitted draft after a confirmation', async () => {
    routeRequests(({ method }) =>
      method === 'GET' ? answer(SUBMITTED) : answer(disclosure(null, 'published', [version(1, 'published')])),
    );
    open('village_supervisor');
    expect((await screen.findByTestId('disclosure-open-status')).textContent).toBe('待监委会签');
    expect(screen.getByTestId('open-version').textContent).toContain('王小明');
    expect(screen.queryByTestId('action-edit')).toBeNull();
    expect(screen.queryByTestId('action-require_correction')).toBeNull();

    fireEvent.click(screen.getByTestId('action-cosign'));
    expect(screen.getByTestId('action-form').textContent).toContain('会签后立即向村民公开');
    expect(posts()).toHaveLength(0);
    fireEvent.click(screen.getByTestId('action-confirm'));
    expect((await screen.findByTestId('action-done')).textContent).toBe('已会签，村民现在能看到了');
    expect(posts()[0]!.url).toBe('https://api.example.test/api/v1/staff/disclosures/31/cosign');
    expect(screen.getByTestId('disclosure-status').textContent).toBe('已公开');
    expect(screen.queryByTestId('review-dock')).toBeNull();
  });

  it('makes the supervisor write a comment to send a draft back', async () => {
    routeRequests(({ method }) =>
      method === 'GET'
        ? answer(SUBMITTED)
        : answer(disclosure(version(1, 'returned', 'publish', { reviewComment: '第1行面积与台账不符' }))),
    );
    open('village_supervisor');
    fireEvent.click(await screen.findByTestId('action-send_back'));
    fireEvent.click(screen.getByTestId('action-confirm'));
    expect((await screen.findByTestId('action-error')).textContent).toBe('意见至少2个字');
    expect(posts()).toHaveLength(0);

    fireEvent.change(screen.getByTestId('action-text'), { target: { value: '第1行面积与台账不符' } });
    fireEvent.click(screen.getByTestId('action-confirm'));
    expect((await screen.findByTestId('action-done')).textContent).toBe('已退回报账员修改');
    expect(JSON.parse(posts()[0]!.data!)).toEqual({ comment: '第1行面积与台账不符' });
    expect(posts()[0]!.url).toMatch(/\/staff\/disclosures\/31\/send-back$/);
    expect(screen.getByTestId('review-comment').textContent).toBe('监委会意见：第1行面积与台账不符');
  });

  it('offers the publisher nothing to do while the supervisor has the draft', async () => {
    routeRequests(() => answer(SUBMITTED));
    open('village_publisher');
    await screen.findByTestId('open-version');
    expect(screen.queryByTestId('disclosure-actions')).toBeNull();
    expect(screen.queryByTestId('action-cosign')).toBeNull();
  });

  it('lets the publisher submit a draft and open it in the editor', async () => {
    routeRequests(({ method }) => (method === 'GET' ? answer(disclosure(version(1, 'draft'))) : answer(SUBMITTED)));
    open('village_publisher');
    fireEvent.click(await screen.findByTestId('action-edit'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/disclosure-edit/index?id=31' });
    fireEvent.click(screen.getByTestId('action-submit'));
    expect((await screen.findByTestId('action-done')).textContent).toBe('已提交村务监督委员会会签');
    expect(posts()[0]!.url).toMatch(/\/31\/submit$/);
    expect(screen.getByTestId('disclosure-open-status').textContent).toBe('待监委会签');
  });

  it('lets the publisher correct or withdraw what is published, with a reason', async () => {
    routeRequests(({ method }) =>
      method === 'GET'
        ? answer({ ...PUBLISHED, correctionRequired: '名单中有两人重复' })
        : answer(
            disclosure(version(2, 'draft', 'correct', { reason: '第1行面积填错了' }), 'published', [
              version(1, 'published'),
              version(2, 'draft', 'correct'),
            ]),
          ),
    );
    open('village_publisher');
    expect((await screen.findByTestId('correction-required-note')).textContent).toContain('名单中有两人重复');
    expect(screen.getByTestId('action-withdraw')).toBeTruthy();
    fireEvent.click(screen.getByTestId('action-correct'));
    fireEvent.change(screen.getByTestId('action-text'), { target: { value: '短' } });
    fireEvent.click(screen.getByTestId('action-confirm'));
    expect((await screen.findByTestId('action-error')).textContent).toBe('原因至少4个字');
    fireEvent.change(screen.getByTestId('action-text'), { target: { value: '第1行面积填错了' } });
    fireEvent.click(screen.getByTestId('action-confirm'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/disclosure-edit/index?id=31' }));
    expect(JSON.parse(posts()[0]!.data!)).toEqual({ reason: '第1行面积填错了' });
    expect(posts()[0]!.url).toMatch(/\/31\/correct$/);
  });

  it('lets the township require a correction of a published disclosure, and nothing else', async () => {
    routeRequests(({ method }) =>
      method === 'GET' ? answer(PUBLISHED) : answer({ ...PUBLISHED, correctionRequired: '名单中有两人重复领取，请核实' }),
    );
    open('township_handler');
    fireEvent.click(await screen.findByTestId('action-require_correction'));
    expect(screen.queryByTestId('action-correct')).toBeNull();
    expect(screen.queryByTestId('review-dock')).toBeNull();
    fireEvent.change(screen.getByTestId('action-text'), { target: { value: '名单中有两人重复领取，请核实' } });
    fireEvent.click(screen.getByTestId('action-confirm'));
    expect((await screen.findByTestId('action-done')).textContent).toBe('已要求村里更正');
    expect(posts()[0]!.url).toMatch(/\/31\/require-correction$/);
    expect(screen.getByTestId('correction-required').textContent).toBe('需更正');
  });

  it('gives the township no action on a draft, but its history and versions', async () => {
    routeRequests(() => answer(SUBMITTED));
    open('township_handler');
    expect((await screen.findByTestId('history')).textContent).toContain('陈报账 · 起草');
    expect(screen.queryByTestId('disclosure-actions')).toBeNull();
    expect(screen.queryByTestId('review-dock')).toBeNull();
  });

  it('says when someone else acted first and shows the true state', async () => {
    let gets = 0;
    routeRequests(({ method }) => {
      if (method === 'POST') return answer({ code: 'ACTION_NOT_ALLOWED', message: '当前状态下不能进行这项操作' }, 409);
      gets += 1;
      return answer(gets === 1 ? SUBMITTED : disclosure(version(1, 'returned', 'publish', { reviewComment: '请核对' })));
    });
    open('village_supervisor');
    fireEvent.click(await screen.findByTestId('action-cosign'));
    fireEvent.click(screen.getByTestId('action-confirm'));
    expect((await screen.findByTestId('action-error')).textContent).toBe('当前状态下不能进行这项操作');
    await waitFor(() => expect(screen.getByTestId('disclosure-open-status').textContent).toBe('已退回修改'));
    expect(screen.queryByTestId('review-dock')).toBeNull();
  });
});
