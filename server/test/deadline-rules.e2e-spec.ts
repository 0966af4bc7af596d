import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

  it('refuses a rule for a 督办 answer, whose date the county sets on each case', async () => {
    const { rules } = await rulesOf(admin);
    rules.regimes.petition.deadlines.supervision = {
      label: '回复督办',
      days: 5,
      unit: 'workday',
      from: 'received',
      appliesTo: 'all',
      automatic: true,
    };
    const res = await t.request('PUT', '/api/v1/admin/deadline-rules', rules, admin);
    expect([res.status, res.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.error.details?.map((d) => d.message)).toContain('回复督办的期限由县纪委在督办时确定，不能写进期限规则');
    expect((await rulesOf(admin)).overridden).toBe(false);
  });

  it('lets only the county’s own admin change them: not a township’s, nor a province’s', async () => {
    const townshipAdmin = await staffAccount(t, 'admin', taoyuan);
    const provinceAdmin = await staffAccount(t, 'admin', await province(t));
    const { rules } = await rulesOf(townshipAdmin);
    for (const who of [townshipAdmin, provinceAdmin]) {
      expect((await t.call(contract.admin.setDeadlineRules, { body: rules }, who)).status).toBe(403);
      expect((await t.call(contract.admin.resetDeadlineRules, {}, who)).status).toBe(403);
    }
  });

  it('shortens a statutory period but never lengthens it, and names each refusal', async () => {
    const { rules, statutory } = await rulesOf(admin);
    expect(statutory.regimes.petition.deadlines.handling?.days).toBe(60);
    const longer = structuredClone(rules);
    longer.regimes.petition.deadlines.handling!.days = 90;
    longer.regimes.accusation.deadlines.acceptance!.unit = 'calendar';
    longer.regimes.petition.extension!.maxDays = 45;
    longer.regimes.accusation.extension = { deadline: 'acceptance', maxDays: 10, unit: 'workday', times: 1 };
    delete longer.regimes.petition.deadlines.review;
    const res = await t.call(contract.admin.setDeadlineRules, { body: longer }, admin);
    expect(res.status).toBe(422);
    expect(res.error.code).toBe('DEADLINE_LONGER_THAN_STATUTORY');
    expect(res.error.details).toEqual([
      {
        field: 'body.regimes.accusation.deadlines.acceptance.unit',
        message: '检举控告的「告知是否受理」法定按工作日计算，不能改变计算方法',
      },
      { field: 'body.regimes.accusation.extension', message: '检举控告没有法定的延期，不能增加延期' },
      { field: 'body.regimes.petition.deadlines.handling.days', message: '问题反映的「办理答复」法定为60天，只能缩短，不能改为90天' },
      { field: 'body.regimes.petition.deadlines.review', message: '问题反映的「复查答复」是法定期限，不能删去' },
      { field: 'body.regimes.petition.extension.maxDays', message: '问题反映法定最多延期30天，不能改为45' },
    ]);
    expect((await rulesOf(admin)).overridden).toBe(false);

    const shorter = structuredClone(rules);
    shorter.regimes.petition.deadlines.handling!.days = 45;
    expect(
      (await t.call(contract.admin.setDeadlineRules, { body: shorter }, admin)).body.rules.regimes.petition.deadlines.handling?.days,
    ).toBe(45);
    const log = (await t.call(contract.admin.auditLog, {}, admin)).body.items;
    expect(log[0]).toMatchObject({ actionLabel: '修改本县办理期限', changes: [{ label: '问题反映·办理答复', from: '60天', to: '45天' }] });
    await t.call(contract.admin.resetDeadlineRules, {}, admin);
  });

  it("never cuts the reporter's own windows nor the ways to contest, but may lengthen a reporter's window", async () => {
    const { rules } = await rulesOf(admin);
    const refused = async (change: (r: typeof rules) => void) => {
      const body = structuredClone(rules);
      change(body);
      const res = await t.call(contract.admin.setDeadlineRules, { body }, admin);
      expect(res.status).toBe(422);
      expect(res.error.code).toBe('REPORTER_RIGHTS_REDUCED');
      return res.error.details;
    };
    expect(await refused((r) => (r.regimes.petition.deadlines.review_request!.days = 1))).toEqual([
      {
        field: 'body.regimes.petition.deadlines.review_request.days',
        message: '问题反映的「申请复查」是反映人的权利，法定为30天，只能延长，不能缩短为1天',
      },
    ]);
    expect(await refused((r) => (r.regimes.accusation.rating.days = 1))).toEqual([
      {
        field: 'body.regimes.accusation.rating.days',
        message: '检举控告的「评价期限」是反映人的权利，法定为30天，只能延长，不能缩短为1天',
      },
    ]);
    expect(await refused((r) => (r.regimes.petition.contest.steps = []))).toEqual([
      { field: 'body.regimes.petition.contest.steps', message: '问题反映法定可以申请复查、复核，不能取消或改变' },
    ]);
    expect(await refused((r) => (r.anonymousFollowsRealNameClock = false))).toEqual([
      { field: 'body.anonymousFollowsRealNameClock', message: '匿名反映按实名反映的期限办理，不能改变' },
    ]);
    expect((await rulesOf(admin)).overridden).toBe(false);

    const longer = structuredClone(rules);
    longer.regimes.petition.deadlines.review_request!.days = 45;
    longer.regimes.petition.rating.days = 60;
    const set = await t.call(contract.admin.setDeadlineRules, { body: longer }, admin);
    expect(set.status).toBe(200);
    expect(set.body.rules.regimes.petition.deadlines.review_request?.days).toBe(45);
    expect(set.body.rules.regimes.petition.rating.days).toBe(60);
    await t.call(contract.admin.resetDeadlineRules, {}, admin);
  });
});
