import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';
import {
  chinaMorning,
  county,
  fileReport,
  province,
  type Region,
  type StaffFixture,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe.each(DATABASE_KINDS)('holiday calendar kept by admins on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let admin: StaffFixture;
  /** Only an admin above the county keeps the national calendar. */
  let provinceAdmin: StaffFixture;
  let handler: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.set(chinaMorning('2026-11-27'));
    const qingshui = await county(t);
    const taoyuan = await township(t, qingshui);
    dongshan = await village(t, taoyuan);
    admin = await staffAccount(t, 'admin', qingshui);
    provinceAdmin = await staffAccount(t, 'admin', await province(t), { displayName: '省管理员' });
    handler = await staffAccount(t, 'township_handler', taoyuan);
  });
  afterAll(async () => {
    await t?.close();
  });
  const caseOf = async (reportNo: string) => (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;

  it('warns admins while next year’s schedule is missing, and marks dates into it provisional', async () => {
    const status = (await t.call(contract.admin.calendar, {}, admin)).body;
    expect(status.years).toEqual([
      { year: 2026, source: 'package' },
      { year: 2027, source: 'missing' },
    ]);
    expect(status.warnings).toHaveLength(1);
    expect(status.warnings[0]).toContain('2027年的法定节假日安排尚未录入');
    t.clock.set(chinaMorning('2026-12-21'));
    const { reportNo } = await fileReport(t, dongshan);
    expect((await caseOf(reportNo)).nextDue).toMatchObject({ kind: 'acceptance', provisional: true });
  });

  let provisionalCase = '';
  it("lets no county's or township's admin change every county's working days", async () => {
    const townshipAdmin = await staffAccount(t, 'admin', { code: dongshan.code.slice(0, 9) } as Region);
    for (const who of [admin, townshipAdmin]) {
      const res = await t.call(
        contract.admin.setCalendarYear,
        { params: { year: 2027 }, body: { holidays: ['2027-01-01'], workdays: [] } },
        who,
      );
      expect(res.status).toBe(403);
      expect(res.error.code).toBe('FORBIDDEN');
    }
    expect((await t.call(contract.admin.calendar, {}, admin)).body.years).toContainEqual({ year: 2027, source: 'missing' });
  });

  it('takes a published schedule and counts working days by it from then on', async () => {
    t.clock.set(chinaMorning('2026-12-21'));
    provisionalCase = (await fileReport(t, dongshan)).reportNo;
    // A made-up 2027 schedule for the test: 1 and 4 January off, Saturday 9 January worked.
    const set = await t.call(
      contract.admin.setCalendarYear,
      { params: { year: 2027 }, body: { holidays: ['2027-01-01', '2027-01-04'], workdays: ['2027-01-09'] } },
      provinceAdmin,
    );
    expect(set.status).toBe(200);
    expect(set.body.warnings).toEqual([]);
    expect(set.body.years).toContainEqual({ year: 2027, source: 'admin' });
    const log = (await t.call(contract.admin.auditLog, {}, provinceAdmin)).body.items;
    expect(log[0]).toMatchObject({
      actor: '省管理员',
      actionLabel: '修改节假日安排',
      changes: [
        { label: '年份', to: '2027' },
        { label: '放假日期', to: '2027-01-01、2027-01-04' },
        { label: '调休上班日期', to: '2027-01-09' },
      ],
    });
    const receipt = await fileReport(t, dongshan);
    // 22–31 Dec (8 working days), 1 and 4 Jan off, 5–8 Jan (12), Sat 9 Jan (13), 11 Jan (14), 12 Jan (15).
    expect(receipt.dueDates[0]).toMatchObject({ dueOn: '2027-01-12', provisional: false });
  });

  it('recomputes the dates that were provisional at the next sweep, noting the change on the timeline', async () => {
    const before = await caseOf(provisionalCase);
    expect(before.nextDue).toMatchObject({ provisional: true, dueOn: '2027-01-11' }); // weekdays only, before the schedule
    expect((await t.app.get(DeadlineSweep).run()).settled).toBe(2); // this case and the one from the first test
    const after = await caseOf(provisionalCase);
    expect(after.nextDue).toMatchObject({ provisional: false, dueOn: '2027-01-12' });
    // The reporter is told the date they saw as provisional changed.
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'recalculated',
      actor: '系统',
      publicText: '告知是否受理期限已由2027-01-11（预计）调整为2027-01-12',
    });
    expect(after.timeline.at(-1)?.internalText).toContain('2027-01-11');
    expect((await t.app.get(DeadlineSweep).run()).settled).toBe(0);
  });

  it('refuses dates outside the year and make-up days that are not weekends, changing nothing', async () => {
    const setYear = (holidays: string[], workdays: string[]) =>
      t.call(contract.admin.setCalendarYear, { params: { year: 2027 }, body: { holidays, workdays } }, provinceAdmin);
    const bad = await setYear(['2026-12-31'], ['2027-01-11']);
    expect(bad.status).toBe(400);
    expect(bad.error.details?.map((d) => d.field)).toEqual(['body', 'body.workdays']);
    const malformed = await setYear(['1月1日'], []);
    expect(malformed.error.details?.[0]?.field).toBe('body.holidays.0');
    const status = await t.call(contract.admin.calendar, {}, admin);
    expect(status.body.years).toContainEqual({ year: 2027, source: 'admin' });
  });
});
