import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chinaMorning, county, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe.each(DATABASE_KINDS)("a county's own deadline rules on %s", (kind) => {
  let t: TestApp;
  let qingshui: Region;
  let taoyuan: Region;
  let dongshan: Region;
  let admin: StaffFixture;
  let handler: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.set(chinaMorning('2026-09-30'));
    qingshui = await county(t);
    taoyuan = await township(t, qingshui);
    dongshan = await village(t, taoyuan);
    admin = await staffAccount(t, 'admin', qingshui);
    handler = await staffAccount(t, 'township_handler', taoyuan);
  });
  afterAll(async () => {
    await t?.close();
  });
  const rulesOf = async (as: StaffFixture) => (await t.call(contract.admin.deadlineRules, {}, as)).body;
  const dueOn = async (reportNo: string) => (await t.call(contract.case.get, { params: { reportNo } }, handler)).body.nextDue?.dueOn;

  it('shows the shipped rules until the county sets its own', async () => {
    const res = await rulesOf(admin);
    expect(res).toMatchObject({ countyCode: qingshui.code, overridden: false });
    expect(res.rules.regimes.accusation.deadlines.acceptance?.days).toBe(15);
  });

  it('applies the county’s rules to clocks that start after the change, and can go back', async () => {
    const { rules } = await rulesOf(admin);
    const acceptance = rules.regimes.accusation.deadlines.acceptance;
    if (!acceptance) throw new Error('the shipped rules have an acceptance deadline');
    acceptance.days = 10;
    const set = await t.call(contract.admin.setDeadlineRules, { body: rules }, admin);
    expect(set.body.overridden).toBe(true);
    const { reportNo } = await fileReport(t, dongshan);
    // 10 working days after 30 Sep: 8, 9, 10 (Sat), 12–16, 19, 20 Oct.
    expect(await dueOn(reportNo)).toBe('2026-10-20');

    const reset = await t.call(contract.admin.resetDeadlineRules, {}, admin);
    expect(reset.body.overridden).toBe(false);
    const later = await fileReport(t, dongshan);
    expect(await dueOn(later.reportNo)).toBe('2026-10-27');
    // The first case keeps the date computed when its clock started.
    expect(await dueOn(reportNo)).toBe('2026-10-20');
  });

  it('refuses rules that do not make sense, naming the field, and keeps the ones in force', async () => {
    const { rules } = await rulesOf(admin);
    const handling = rules.regimes.petition.deadlines.handling;
    if (!handling) throw new Error('the shipped rules have a handling deadline');
    handling.days = 0;
    delete rules.regimes.accusation.deadlines.acceptance;
    const res = await t.request('PUT', '/api/v1/admin/deadline-rules', rules, admin);
    expect(res.status).toBe(400);
    const fields = res.error.details?.map((d) => d.field);
    expect(fields).toContain('body.regimes.petition.deadlines.handling.days');
    expect(fields).toContain('body.regimes.accusation');
    expect(res.error.details?.every((d) => /[\u4e00-\u9fa5]/.test(d.message))).toBe(true);
    expect((await rulesOf(admin)).overridden).toBe(false);
  });

  it('lets only a county-level admin change them', async () => {
    const townshipAdmin = await staffAccount(t, 'admin', taoyuan);
    const { rules } = await rulesOf(townshipAdmin);
    const res = await t.call(contract.admin.setDeadlineRules, { body: rules }, townshipAdmin);
    expect(res.status).toBe(403);
  });
});
