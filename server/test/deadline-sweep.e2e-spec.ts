import { DataSource } from 'typeorm';
import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';
import { describeIf } from '../../test/support/jest-helpers.js';
import {
  casework,
  chinaMorning,
  county,
  fileReport,
  type Region,
  type StaffFixture,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe.each(DATABASE_KINDS)('deadline sweep on %s', (kind) => {
  let t: TestApp;
  let reportNo: string;
  let dongshan: Region;
  let handler: StaffFixture;
  let otherHandler: StaffFixture;
  let countyStaff: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.set(chinaMorning('2026-09-30'));
    const world = await casework(t);
    ({ dongshan, handler, countyStaff } = world);
    otherHandler = await staffAccount(t, 'township_handler', await township(t, world.qingshui));
    ({ reportNo } = await fileReport(t, dongshan)); // acceptance due Tue 27 Oct (15 working days)
  });
  afterAll(async () => {
    await t?.close();
  });

  const sweepOn = (date: string) => {
    t.clock.set(chinaMorning(date));
    return t.app.get(DeadlineSweep).run();
  };
  const alertsOf = async (account: StaffFixture) => (await t.call(contract.case.alerts, {}, account)).body.items;
  const caseOf = async (account: StaffFixture) => (await t.call(contract.case.get, { params: { reportNo } }, account)).body;

  it('reminds three working days ahead, once', async () => {
    expect(await sweepOn('2026-10-21')).toEqual({ settled: 0, dueSoon: 0, overdue: 0, escalated: 0, closed: 0 }); // 4 working days left
    expect(await sweepOn('2026-10-22')).toEqual({ settled: 0, dueSoon: 1, overdue: 0, escalated: 0, closed: 0 }); // 23, 26, 27 Oct left
    expect(await sweepOn('2026-10-23')).toEqual({ settled: 0, dueSoon: 0, overdue: 0, escalated: 0, closed: 0 });
    expect(await alertsOf(handler)).toEqual([
      {
        reportNo,
        villageName: '东山村',
        kind: 'due_soon',
        deadline: 'acceptance',
        // Counted as on the case page: on 23 Oct, 26 and 27 Oct are the working days left.
        due: expect.objectContaining({ dueOn: '2026-10-27', daysLeft: 4, unit: 'workday', left: 2 }),
        note: null,
        at: '2026-10-22T02:00:00.000Z',
      },
    ]);
    expect(await alertsOf(otherHandler)).toEqual([]);
  });

  it('flags the case overdue the day after its last day, and counts it as late', async () => {
    expect((await sweepOn('2026-10-27')).overdue).toBe(0);
    // Past its day, the reminder reads as the case page does, before any sweep flags it.
    t.clock.set(chinaMorning('2026-10-28'));
    expect((await alertsOf(handler)).map((a) => [a.kind, a.due?.daysLeft])).toEqual([['overdue', -1]]);
    expect(await sweepOn('2026-10-28')).toEqual({ settled: 0, dueSoon: 0, overdue: 1, escalated: 0, closed: 0 });
    expect((await caseOf(handler)).nextDue).toMatchObject({ overdue: true, daysLeft: -1 });
    const overdueOnly = await t.call(contract.case.list, { query: { overdue: 'true' } }, handler);
    expect(overdueOnly.body.items.map((c) => c.reportNo)).toEqual([reportNo]);
  });

  it('escalates to the county after five working days overdue, once, with an event on the timeline', async () => {
    expect((await sweepOn('2026-11-02')).escalated).toBe(0); // 28, 29, 30 Oct, 2 Nov: four working days
    expect(await sweepOn('2026-11-03')).toEqual({ settled: 0, dueSoon: 0, overdue: 0, escalated: 1, closed: 0 });
    expect((await sweepOn('2026-11-04')).escalated).toBe(0);
    // The county hears of the escalation; the township keeps one line, its overdue flag in place of the reminder.
    expect((await alertsOf(countyStaff)).map((a) => a.kind)).toEqual(['escalated']);
    expect((await alertsOf(handler)).map((a) => [a.kind, a.due?.dueOn])).toEqual([['overdue', '2026-10-27']]);
    const detail = await caseOf(countyStaff);
    expect(detail.escalated).toBe(true);
    expect(detail.timeline.at(-1)).toMatchObject({ actor: '系统', type: 'escalated', publicText: null });
  });

  it('stops alerting once the duty is done', async () => {
    t.clock.set(chinaMorning('2026-11-04'));
    await t.call(contract.case.act, { params: { reportNo }, body: { action: 'accept' } }, handler);
    expect(await alertsOf(handler)).toEqual([]);
    const page = (await t.call(contract.village.page, { params: { code: dongshan.code } })).body;
    expect(page.record).toEqual({ asOf: '2026-11-03', received: 1, answered: 0, answeredOnTime: 0 });
  });
});

describeIf(DATABASE_KINDS.includes('mysql'))('deadline sweep with two instances on one MySQL database', () => {
  let first: TestApp;
  let second: TestApp;
  const REPORTS = 30;
  beforeAll(async () => {
    first = await startTestApp('mysql');
    second = await startTestApp('mysql', {}, first);
    first.clock.set(chinaMorning('2026-09-30'));
    const qingshui = await county(first);
    const villages = [await village(first, await township(first, qingshui)), await village(first, await township(first, qingshui))];
    for (let i = 0; i < REPORTS; i++) await fileReport(first, villages[i % 2] as Region);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('raises each reminder, overdue flag and escalation exactly once between them', async () => {
    const totals = { settled: 0, dueSoon: 0, overdue: 0, escalated: 0, closed: 0 };
    for (const date of ['2026-10-22', '2026-10-26', '2026-10-28', '2026-11-03', '2026-11-04']) {
      first.clock.set(chinaMorning(date));
      second.clock.set(chinaMorning(date));
      // Both instances sweep at the same moment, three rounds each.
      const results = await Promise.all([1, 2, 3].flatMap(() => [first.app.get(DeadlineSweep).run(), second.app.get(DeadlineSweep).run()]));
      for (const r of results) {
        totals.dueSoon += r.dueSoon;
        totals.overdue += r.overdue;
        totals.escalated += r.escalated;
      }
    }
    expect(totals).toEqual({ settled: 0, dueSoon: REPORTS, overdue: REPORTS, escalated: REPORTS, closed: 0 });
    const db = first.app.get(DataSource);
    const rows = await db.query<{ kind: string; n: number | string }[]>(
      'SELECT kind, COUNT(*) AS n FROM case_alerts GROUP BY kind ORDER BY kind',
    );
    expect(rows.map((r) => [r.kind, Number(r.n)])).toEqual([
      ['due_soon', REPORTS],
      ['escalated', REPORTS],
      ['overdue', REPORTS],
    ]);
    const [events] = await db.query<{ n: number | string }[]>("SELECT COUNT(*) AS n FROM report_events WHERE type = 'escalated'");
    expect(Number(events?.n)).toBe(REPORTS);
    // Five days of two sweeps racing over 30 reports on MySQL: seconds alone, far more on a busy CI machine.
  }, 180_000);
});
