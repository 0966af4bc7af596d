import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DATABASE_KINDS } from './support/databases.js';
import { chinaMorning, fileReport } from './support/reports.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';

describe.each(DATABASE_KINDS)('case workflow on %s', (kind) => {
  let t: TestApp;
  let taoyuan: string;
  let county: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    taoyuan = await t.login('taoyuan');
    county = await t.login('county');
  });
  afterAll(async () => {
    await t?.close();
  });
  /** Moves the clock and signs in again: sessions last twelve hours. */
  const at = async (date: string) => {
    t.clock.set(chinaMorning(date));
    taoyuan = await t.login('taoyuan');
    county = await t.login('county');
  };
  const act = (token: string, reportNo: string, body: Record<string, unknown>) => t.request('POST', `/api/v1/staff/cases/${reportNo}/actions`, body, token);
  const caseOf = async (token: string, reportNo: string) => (await t.request('GET', `/api/v1/staff/cases/${reportNo}`, undefined, token)).body;
  const lookup = async (queryCode: string) => (await t.request('POST', '/api/v1/reports/lookup', { queryCode })).body;

  it('takes an accusation from receipt through reply, rating, review and closing', async () => {
    await at('2026-09-30');
    const { reportNo, queryCode } = await fileReport(t);
    const inbox = await t.request('GET', '/api/v1/staff/cases', undefined, taoyuan);
    const row = inbox.body.items.find((c: { reportNo: string }) => c.reportNo === reportNo);
    expect(row).toMatchObject({ status: 'submitted', villageName: '东山村', nextDue: { kind: 'acceptance', dueOn: '2026-10-27', daysLeft: 27, overdue: false } });

    const before = await caseOf(taoyuan, reportNo);
    expect(before.actions).toEqual(expect.arrayContaining(['accept', 'decline', 'transfer_up', 'note']));
    expect(before.actions).not.toContain('reply');
    const refused = await act(taoyuan, reportNo, { action: 'reply', text: '这是一段不应被接受的答复内容。' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ACTION_NOT_ALLOWED');
    expect((await caseOf(taoyuan, reportNo)).timeline).toHaveLength(before.timeline.length);

    await at('2026-10-09');
    const accepted = await act(taoyuan, reportNo, { action: 'accept' });
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.deadlines.find((d: { kind: string }) => d.kind === 'acceptance').metAt).toBe('2026-10-09T02:00:00.000Z');

    await at('2026-10-20');
    const replied = await act(taoyuan, reportNo, { action: 'reply', text: '经核查，补贴名单已重新公示，多领的补贴已追回。' });
    expect(replied.body.status).toBe('replied');
    const seen = await lookup(queryCode);
    expect(seen).toMatchObject({ status: 'replied', reply: '经核查，补贴名单已重新公示，多领的补贴已追回。', actions: ['rate'] });

    const unsatisfied = await t.request('POST', '/api/v1/reports/rate', { queryCode, rating: 'unsatisfied', comment: '没讲清楚谁多领了' });
    expect(unsatisfied.body.actions).toEqual(['request_review']);
    expect((await caseOf(taoyuan, reportNo)).actions).not.toContain('close');
    const review = await t.request('POST', '/api/v1/reports/review', { queryCode, reason: '答复没有说明多领补贴的人是谁，请复查。' });
    expect(review.body.status).toBe('under_review');

    await act(taoyuan, reportNo, { action: 'reply', text: '复查后确认：三户多领补贴共1,320元，已全部追回并公示。' });
    const satisfied = await t.request('POST', '/api/v1/reports/rate', { queryCode, rating: 'satisfied' });
    expect(satisfied.body.rating).toBe('satisfied');
    const closed = await act(taoyuan, reportNo, { action: 'close' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.actions).toEqual(['note']);
    const final = await lookup(queryCode);
    expect(final.actions).toEqual([]);
    expect(final.timeline.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining(['您已申请复查，我们将重新核查并答复您', '本件已办结归档']));
  });

  it('runs a petition on the calendar-day clock with one extension approved by the county', async () => {
    await at('2026-09-30');
    const { reportNo, queryCode } = await fileReport(t, { track: 'petition', category: 'other' });
    // 15 calendar days after 30 Sep is Thu 15 Oct, a working day.
    expect((await caseOf(taoyuan, reportNo)).nextDue).toMatchObject({ kind: 'acceptance', dueOn: '2026-10-15' });
    await at('2026-10-09');
    const accepted = await act(taoyuan, reportNo, { action: 'accept' });
    // 60 days after 9 Oct is Tue 8 Dec.
    expect(accepted.body.deadlines.find((d: { kind: string }) => d.kind === 'handling')).toMatchObject({ dueOn: '2026-12-08', metAt: null });
    expect(accepted.body.actions).toContain('request_extension');

    const tooLong = await act(taoyuan, reportNo, { action: 'request_extension', days: 45, reason: '涉及多户村民，需要逐户核实' });
    expect(tooLong.body.code).toBe('EXTENSION_NOT_ALLOWED');
    const requested = await act(taoyuan, reportNo, { action: 'request_extension', days: 30, reason: '涉及多户村民，需要逐户核实' });
    expect(requested.body.extensionRequestedDays).toBe(30);
    expect((await act(taoyuan, reportNo, { action: 'approve_extension' })).body.code).toBe('ACTION_NOT_ALLOWED');
    const approved = await act(county, reportNo, { action: 'approve_extension' });
    // 8 Dec + 30 days = Thu 7 Jan 2027, beyond the official calendar we know, so provisional.
    expect(approved.body.deadlines.find((d: { kind: string }) => d.kind === 'handling')).toMatchObject({ dueOn: '2027-01-07', provisional: true });
    expect(approved.body.extensionUsed).toBe(true);
    expect((await act(taoyuan, reportNo, { action: 'request_extension', days: 10, reason: '还需要再多一些时间核实' })).body.code).toBe('EXTENSION_NOT_ALLOWED');

    await at('2026-10-20');
    await act(taoyuan, reportNo, { action: 'reply', text: '村里已安排修复路灯，预计本月底完工。' });
    // The review may be asked within 30 days of the reply: until Thu 19 Nov.
    expect((await lookup(queryCode)).dueDates.find((d: { kind: string }) => d.kind === 'review_request').dueOn).toBe('2026-11-19');
    await at('2026-11-25');
    await t.request('POST', '/api/v1/reports/rate', { queryCode, rating: 'unsatisfied' });
    const late = await t.request('POST', '/api/v1/reports/review', { queryCode, reason: '路灯到现在也没有修好。' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REVIEW_PERIOD_ENDED');
  });

  it('lets staff correct the track with a reason, moving the open clocks to the other rules', async () => {
    await at('2026-09-16');
    const { reportNo } = await fileReport(t, { track: 'accusation' });
    // 15 working days: Mid-Autumn (Fri 25 Sep) and National Day are off, Sun 20 Sep and Sat 10 Oct are worked.
    expect((await caseOf(taoyuan, reportNo)).nextDue.dueOn).toBe('2026-10-13');
    const corrected = await act(taoyuan, reportNo, { action: 'reclassify', track: 'petition', reason: '反映的是路灯维修，属于问题反映' });
    expect(corrected.body.track).toBe('petition');
    // 15 calendar days after 16 Sep is 1 Oct, National Day: the period ends on 8 Oct.
    expect(corrected.body.nextDue.dueOn).toBe('2026-10-08');
    expect(corrected.body.timeline.at(-1)).toMatchObject({ type: 'reclassify', publicText: '事项类型更正为「问题反映」' });
  });

  it('sends a case up to the county, whose own clock starts', async () => {
    await at('2026-10-12');
    const { reportNo } = await fileReport(t);
    const sent = await act(taoyuan, reportNo, { action: 'transfer_up', reason: '涉及村党组织书记，应由县纪委办理' });
    expect(sent.body).toMatchObject({ status: 'submitted', level: 'county' });
    expect(sent.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['acceptance', 'transfer_up', 'transferred_in']));
    expect(sent.body.deadlines.find((d: { kind: string }) => d.kind === 'transferred_in').dueOn).toBe('2026-10-19');
    expect(sent.body.actions).toEqual(['note']);
    const accepted = await act(county, reportNo, { action: 'accept' });
    expect(accepted.body.status).toBe('accepted');
  });

  it('records a letter with the date it arrived, so its clock starts then', async () => {
    await at('2026-10-12');
    const res = await t.request(
      'POST',
      '/api/v1/staff/reports',
      { ...(await import('./support/reports.js')).reportBody(), channel: 'letter', receivedOn: '2026-09-30', mode: 'real_name', reporter: { name: '刘桂兰', phone: '13700001111' } },
      taoyuan,
    );
    expect(res.status).toBe(201);
    expect(res.body.queryCode).toMatch(/^\d{5}( \d{5}){4}$/);
    expect(res.body.dueDates[0]).toMatchObject({ kind: 'acceptance', dueOn: '2026-10-27' });
    const detail = await caseOf(taoyuan, res.body.reportNo);
    expect(detail.channel).toBe('letter');
    expect(detail.timeline[0]).toMatchObject({ actor: '李桃源', internalText: '登记来信反映' });
    const future = await t.request('POST', '/api/v1/staff/reports', { ...(await import('./support/reports.js')).reportBody(), channel: 'visit', receivedOn: '2026-10-13' }, taoyuan);
    expect(future.body.details[0].field).toBe('body.receivedOn');
  });

  it("reveals a real-name reporter only on request, and writes each reveal to the audit log", async () => {
    await at('2026-10-12');
    const { reportNo } = await fileReport(t, { mode: 'real_name', reporter: { name: '张秀英', phone: '13912345678' } });
    const detail = await caseOf(taoyuan, reportNo);
    expect(JSON.stringify(detail)).not.toMatch(/张秀英|13912345678/);
    const list = await t.request('GET', '/api/v1/staff/cases', undefined, taoyuan);
    expect(JSON.stringify(list.body)).not.toMatch(/张秀英|13912345678/);
    const revealed = await t.request('POST', `/api/v1/staff/cases/${reportNo}/reveal`, undefined, taoyuan);
    expect(revealed.body).toEqual({ name: '张秀英', phone: '13912345678' });
    const admin = await t.login('admin');
    const audit = await t.request('GET', '/api/v1/admin/audit-log', undefined, admin);
    expect(audit.body.items[0]).toMatchObject({ username: 'taoyuan', action: 'reveal_reporter', reportNo, at: '2026-10-12T02:00:00.000Z' });
    const anonymous = await fileReport(t);
    expect((await t.request('POST', `/api/v1/staff/cases/${anonymous.reportNo}/reveal`, undefined, taoyuan)).body.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('lists the villages and the handlers of the jurisdiction, and assigns a case to one', async () => {
    await at('2026-10-12');
    const villages = await t.request('GET', '/api/v1/staff/villages', undefined, taoyuan);
    expect(villages.body.items.map((v: { name: string }) => v.name)).toEqual(['东山村', '西河村', '柳塘村']);
    const handlers = await t.request('GET', '/api/v1/staff/handlers', undefined, taoyuan);
    expect(handlers.body.items.map((h: { displayName: string }) => h.displayName)).toEqual(['李桃源']);
    const countyHandlers = await t.request('GET', '/api/v1/staff/handlers', undefined, county);
    expect(countyHandlers.body.items.map((h: { displayName: string }) => h.displayName).sort()).toEqual(['周县纪委', '李桃源', '王石门'].sort());
    const { reportNo } = await fileReport(t);
    const me = handlers.body.items.find((h: { displayName: string }) => h.displayName === '李桃源');
    const assigned = await act(taoyuan, reportNo, { action: 'assign', assigneeId: me.id });
    expect(assigned.body.assignee).toBe('李桃源');
    const stranger = countyHandlers.body.items.find((h: { displayName: string }) => h.displayName === '王石门');
    expect((await act(taoyuan, reportNo, { action: 'assign', assigneeId: stranger.id })).body.code).toBe('ASSIGNEE_INVALID');
    const countyPerson = countyHandlers.body.items.find((h: { displayName: string }) => h.displayName === '周县纪委');
    expect((await act(taoyuan, reportNo, { action: 'assign', assigneeId: countyPerson.id })).body.code).toBe('ASSIGNEE_INVALID');
  });

  it('shows the county each township’s figures', async () => {
    t.clock.set(DEFAULT_NOW);
    county = await t.login('county');
    taoyuan = await t.login('taoyuan');
    const stats = await t.request('GET', '/api/v1/staff/stats', undefined, county);
    expect(stats.status).toBe(200);
    const taoyuanRow = stats.body.townships.find((r: { code: string }) => r.code === '341821102');
    const shimenRow = stats.body.townships.find((r: { code: string }) => r.code === '341821203');
    expect(taoyuanRow.received).toBeGreaterThanOrEqual(6);
    expect(taoyuanRow.acceptedOnTime).toBeGreaterThanOrEqual(2);
    expect(taoyuanRow.answeredOnTime).toBeGreaterThanOrEqual(2);
    expect(taoyuanRow.satisfaction).toBeCloseTo(0.5);
    expect(taoyuanRow.medianDaysToAnswer).toBeGreaterThan(0);
    expect(shimenRow).toMatchObject({ received: 0, medianDaysToAnswer: null, satisfaction: null });
    expect((await t.request('GET', '/api/v1/staff/stats', undefined, taoyuan)).body.code).toBe('FORBIDDEN');
  });
});
