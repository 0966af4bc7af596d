import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';
import { DATABASE_KINDS } from './support/databases.js';
import { chinaMorning, fileReport } from './support/reports.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The rules that keep a case honest: the reporter's rights, one step at a time, fresh alerts for moved dates. */
describe.each(DATABASE_KINDS)('case safeguards on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });
  const on = async (date: string) => {
    t.clock.set(chinaMorning(date));
    return { taoyuan: await t.login('taoyuan'), county: await t.login('county') };
  };
  const act = (token: string, reportNo: string, body: Record<string, unknown>) => t.request('POST', `/api/v1/staff/cases/${reportNo}/actions`, body, token);
  const sweep = () => t.app.get(DeadlineSweep).run();

  it("keeps the reporter's review period open: no closing before it ends, and no alerts for it", async () => {
    let { taoyuan } = await on('2026-10-09');
    const { reportNo, queryCode } = await fileReport(t, { track: 'petition', villageCode: '341821102203' });
    await act(taoyuan, reportNo, { action: 'accept' });
    const replied = await act(taoyuan, reportNo, { action: 'reply', text: '路灯已经修好，请您留意。' });
    expect(replied.body.actions).not.toContain('close');
    expect((await act(taoyuan, reportNo, { action: 'close' })).body.code).toBe('ACTION_NOT_ALLOWED');
    // The reporter has until 8 Nov to ask for a review; that is theirs, not a duty of the township.
    for (const date of ['2026-11-06', '2026-11-09', '2026-11-20']) {
      t.clock.set(chinaMorning(date));
      expect(await sweep()).toMatchObject({ dueSoon: 0, overdue: 0, escalated: 0 });
    }
    ({ taoyuan } = await on('2026-11-20'));
    const detail = (await t.request('GET', `/api/v1/staff/cases/${reportNo}`, undefined, taoyuan)).body;
    expect(detail.nextDue).toBeNull();
    expect(detail.actions).toContain('close');
    const lookup = (await t.request('POST', '/api/v1/reports/lookup', { queryCode })).body;
    expect(lookup.dueDates.find((d: { kind: string }) => d.kind === 'review_request').overdue).toBe(false);
    expect((await t.request('GET', '/api/v1/villages/341821102203')).body.record).toEqual({ received: 1, answered: 1, answeredOnTime: 1 });
    expect((await act(taoyuan, reportNo, { action: 'close' })).body.status).toBe('closed');
  });

  it('applies only one of two ratings sent at once', async () => {
    const { taoyuan } = await on('2026-10-12');
    const { reportNo, queryCode } = await fileReport(t);
    await act(taoyuan, reportNo, { action: 'accept' });
    await act(taoyuan, reportNo, { action: 'reply', text: '经核查，反映的情况属实，已责令退回。' });
    const answers = await Promise.all([
      t.request('POST', '/api/v1/reports/rate', { queryCode, rating: 'satisfied' }),
      t.request('POST', '/api/v1/reports/rate', { queryCode, rating: 'unsatisfied' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const events = (await t.request('GET', `/api/v1/staff/cases/${reportNo}`, undefined, taoyuan)).body.timeline;
    expect(events.filter((e: { type: string }) => e.type === 'rate')).toHaveLength(1);
  });

  it('raises fresh reminders for a deadline an extension moved, and drops the stale ones', async () => {
    let { taoyuan, county } = await on('2026-10-09');
    const { reportNo } = await fileReport(t, { track: 'petition', villageCode: '341821102202' });
    await act(taoyuan, reportNo, { action: 'accept' }); // handling due Tue 8 Dec
    t.clock.set(chinaMorning('2026-12-04'));
    expect((await sweep()).dueSoon).toBe(1);
    ({ taoyuan, county } = await on('2026-12-04'));
    await act(taoyuan, reportNo, { action: 'request_extension', days: 20, reason: '需要等待县住建局的鉴定结果' });
    await act(county, reportNo, { action: 'approve_extension' }); // now Mon 28 Dec
    const alerts = async () => (await t.request('GET', '/api/v1/staff/alerts', undefined, taoyuan)).body.items.filter((a: { reportNo: string }) => a.reportNo === reportNo);
    expect(await alerts()).toEqual([]);
    t.clock.set(chinaMorning('2026-12-23'));
    expect((await sweep()).dueSoon).toBe(1);
    ({ taoyuan } = await on('2026-12-23'));
    expect(await alerts()).toMatchObject([{ kind: 'due_soon', dueOn: '2026-12-28' }]);
  });

  it("ends the township's own clocks when it sends a case up", async () => {
    const { taoyuan, county } = await on('2026-10-12');
    const { reportNo } = await fileReport(t, { track: 'petition' });
    await act(taoyuan, reportNo, { action: 'accept' });
    const sent = await act(taoyuan, reportNo, { action: 'transfer_up', reason: '涉及镇干部，应由县纪委办理' });
    // The township's 60-day handling clock ends; the petition rules set no transfer clocks, and acceptance was met.
    expect(sent.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['acceptance']);
    const accepted = await act(county, reportNo, { action: 'accept' });
    expect(accepted.body.deadlines.filter((d: { kind: string }) => d.kind === 'handling')).toHaveLength(1);
  });

  it('starts the clocks the corrected track runs in the current stage', async () => {
    let { taoyuan } = await on('2026-10-09');
    const { reportNo } = await fileReport(t, { track: 'accusation' });
    await act(taoyuan, reportNo, { action: 'accept' }); // the accusation rules set no handling clock
    ({ taoyuan } = await on('2026-10-12'));
    const corrected = await act(taoyuan, reportNo, { action: 'reclassify', track: 'petition', reason: '反映的是道路维修，属于问题反映' });
    // 60 days from the acceptance on 9 Oct, not from the correction: Tue 8 Dec.
    expect(corrected.body.deadlines.find((d: { kind: string }) => d.kind === 'handling')).toMatchObject({ dueOn: '2026-12-08', metAt: null });
  });

  it('counts every guess of a burst of wrong passwords', async () => {
    t.clock.set(chinaMorning('2026-10-12'));
    const guesses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.request('POST', '/api/v1/staff/login', { username: 'shimen', password: `guess-${i}` })),
    );
    expect(guesses.map((g) => g.body.code)).toContain('ACCOUNT_LOCKED');
    const right = await t.request('POST', '/api/v1/staff/login', { username: 'shimen', password: 'mashang-demo-2026' });
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
  });

  it('ties each role to its level of region', async () => {
    const admin = await t.login('admin');
    const wrong = await t.request('POST', '/api/v1/admin/accounts', { username: 'wide-handler', displayName: '越级者', role: 'township_handler', regionCode: '341821' }, admin);
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'body.regionCode' });
  });
});
