import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('takes a published schedule and counts working days by it from then on', async () => {
    t.clock.set(chinaMorning('2026-12-21'));
    admin = await t.login('admin');
    // A made-up 2027 schedule for the test: New Year's Day off, Saturday 9 January worked.
    const set = await t.request('PUT', '/api/v1/admin/calendar/2027', { holidays: ['2027-01-01'], workdays: ['2027-01-09'] }, admin);
    expect(set.status).toBe(200);
    expect(set.body.warnings).toEqual([]);
    expect(set.body.years).toContainEqual({ year: 2027, source: 'admin' });
    const receipt = await t.request('POST', '/api/v1/reports', (await import('./support/reports.js')).reportBody());
    // 22–31 Dec (8 working days), 1 Jan off, 4–8 Jan (13), Sat 9 Jan (14), Mon 11 Jan (15).
    expect(receipt.body.dueDates[0]).toMatchObject({ dueOn: '2027-01-11', provisional: false });
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
