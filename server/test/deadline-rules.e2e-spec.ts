import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DATABASE_KINDS } from './support/databases.js';
import { chinaMorning, fileReport } from './support/reports.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe.each(DATABASE_KINDS)("a county's own deadline rules on %s", (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.set(chinaMorning('2026-09-30'));
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the shipped rules until the county sets its own', async () => {
    const res = await t.request('GET', '/api/v1/admin/deadline-rules', undefined, admin);
    expect(res.body).toMatchObject({ countyCode: '341821', overridden: false });
    expect(res.body.rules.regimes.accusation.deadlines.acceptance.days).toBe(15);
  });

  it('applies the county’s rules to clocks that start after the change, and can go back', async () => {
    const rules = (await t.request('GET', '/api/v1/admin/deadline-rules', undefined, admin)).body.rules;
    rules.regimes.accusation.deadlines.acceptance.days = 10;
    const set = await t.request('PUT', '/api/v1/admin/deadline-rules', rules, admin);
    expect(set.body.overridden).toBe(true);
    const { reportNo } = await fileReport(t);
    const taoyuan = await t.login('taoyuan');
    // 10 working days after 30 Sep: 8, 9, 10 (Sat), 12–16, 19, 20 Oct.
    expect((await t.request('GET', `/api/v1/staff/cases/${reportNo}`, undefined, taoyuan)).body.nextDue.dueOn).toBe('2026-10-20');

    const reset = await t.request('DELETE', '/api/v1/admin/deadline-rules', undefined, admin);
    expect(reset.body.overridden).toBe(false);
    const later = await fileReport(t);
    expect((await t.request('GET', `/api/v1/staff/cases/${later.reportNo}`, undefined, taoyuan)).body.nextDue.dueOn).toBe('2026-10-27');
    // The first case keeps the date computed when its clock started.
    expect((await t.request('GET', `/api/v1/staff/cases/${reportNo}`, undefined, taoyuan)).body.nextDue.dueOn).toBe('2026-10-20');
  });

  it('refuses rules that do not make sense, naming the field, and keeps the ones in force', async () => {
    const rules = (await t.request('GET', '/api/v1/admin/deadline-rules', undefined, admin)).body.rules;
    rules.regimes.petition.deadlines.handling.days = 0;
    delete rules.regimes.accusation.deadlines.acceptance;
    const res = await t.request('PUT', '/api/v1/admin/deadline-rules', rules, admin);
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toContain('body.regimes.petition.deadlines.handling.days');
    expect(fields).toContain('body.regimes.accusation');
    expect(res.body.details.every((d: { message: string }) => /[\u4e00-\u9fa5]/.test(d.message))).toBe(true);
    expect((await t.request('GET', '/api/v1/admin/deadline-rules', undefined, admin)).body.overridden).toBe(false);
  });

  it('lets only a county-level admin change them', async () => {
    const created = await t.request('POST', '/api/v1/admin/accounts', { username: 'ty-admin', displayName: '桃源管理员', role: 'admin', regionCode: '341821102' }, admin);
    const townshipAdmin = await t.login('ty-admin', created.body.temporaryPassword);
    const rules = (await t.request('GET', '/api/v1/admin/deadline-rules', undefined, townshipAdmin)).body.rules;
    const res = await t.request('PUT', '/api/v1/admin/deadline-rules', rules, townshipAdmin);
    expect(res.status).toBe(403);
  });
});
