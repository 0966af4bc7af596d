import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';
import { DATABASE_KINDS } from './support/databases.js';
import { chinaMorning, fileReport } from './support/reports.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe.each(DATABASE_KINDS)('holiday calendar kept by admins on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.set(chinaMorning('2026-11-27'));
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('warns admins while next year’s schedule is missing, and marks dates into it provisional', async () => {
    const status = await t.request('GET', '/api/v1/admin/calendar', undefined, admin);
    expect(status.body.years).toEqual([
      { year: 2026, source: 'package' },
      { year: 2027, source: 'missing' },
    ]);
    expect(status.body.warnings).toHaveLength(1);
    expect(status.body.warnings[0]).toContain('2027年的法定节假日安排尚未录入');
    t.clock.set(chinaMorning('2026-12-21'));
    const { reportNo } = await fileReport(t);
    const lookup = await t.request('GET', `/api/v1/staff/cases/${reportNo}`, undefined, await t.login('taoyuan'));
    expect(lookup.body.nextDue).toMatchObject({ kind: 'acceptance', provisional: true });
  });

  let provisionalCase = '';
  it('takes a published schedule and counts working days by it from then on', async () => {
    t.clock.set(chinaMorning('2026-12-21'));
    provisionalCase = (await fileReport(t)).reportNo;
    admin = await t.login('admin');
    // A made-up 2027 schedule for the test: 1 and 4 January off, Saturday 9 January worked.
    const set = await t.request('PUT', '/api/v1/admin/calendar/2027', { holidays: ['2027-01-01', '2027-01-04'], workdays: ['2027-01-09'] }, admin);
    expect(set.status).toBe(200);
    expect(set.body.warnings).toEqual([]);
    expect(set.body.years).toContainEqual({ year: 2027, source: 'admin' });
    const receipt = await t.request('POST', '/api/v1/reports', (await import('./support/reports.js')).reportBody());
    // 22–31 Dec (8 working days), 1 and 4 Jan off, 5–8 Jan (12), Sat 9 Jan (13), 11 Jan (14), 12 Jan (15).
    expect(receipt.body.dueDates[0]).toMatchObject({ dueOn: '2027-01-12', provisional: false });
  });

  it('recomputes the dates that were provisional at the next sweep, noting the change on the timeline', async () => {
    const handler = await t.login('taoyuan');
    const before = (await t.request('GET', `/api/v1/staff/cases/${provisionalCase}`, undefined, handler)).body;
    expect(before.nextDue).toMatchObject({ provisional: true, dueOn: '2027-01-11' }); // weekdays only, before the schedule
    expect((await t.app.get(DeadlineSweep).run()).settled).toBe(2); // this case and the one from the first test
    const after = (await t.request('GET', `/api/v1/staff/cases/${provisionalCase}`, undefined, handler)).body;
    expect(after.nextDue).toMatchObject({ provisional: false, dueOn: '2027-01-12' });
    expect(after.timeline.at(-1)).toMatchObject({ type: 'recalculated', actor: '系统', publicText: null });
    expect(after.timeline.at(-1).internalText).toContain('2027-01-11');
    expect((await t.app.get(DeadlineSweep).run()).settled).toBe(0);
  });

  it('refuses dates outside the year and make-up days that are not weekends, changing nothing', async () => {
    const bad = await t.request('PUT', '/api/v1/admin/calendar/2027', { holidays: ['2026-12-31'], workdays: ['2027-01-11'] }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['body', 'body.workdays']);
    const malformed = await t.request('PUT', '/api/v1/admin/calendar/2027', { holidays: ['1月1日'], workdays: [] }, admin);
    expect(malformed.body.details[0].field).toBe('body.holidays.0');
    const status = await t.request('GET', '/api/v1/admin/calendar', undefined, admin);
    expect(status.body.years).toContainEqual({ year: 2027, source: 'admin' });
  });
});
