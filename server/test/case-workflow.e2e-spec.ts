import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  chinaMorning,
  county,
  fileReport,
  type Region,
  reportBody,
  type StaffFixture,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';

type Action = RouteInput<typeof contract.case.act>['body'];

describe.each(DATABASE_KINDS)('case workflow on %s', (kind) => {
  let t: TestApp;
  let taoyuan: Region;
  let shimen: Region;
  let dongshan: Region;
  let admin: StaffFixture;
  let countyStaff: StaffFixture;
  let handler: StaffFixture;
  let shimenHandler: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingshui = await county(t);
    taoyuan = await township(t, qingshui, { name: '桃源镇' });
    shimen = await township(t, qingshui, { name: '石门乡' });
    dongshan = await village(t, taoyuan, { name: '东山村' });
    await village(t, taoyuan, { name: '西河村' });
    await village(t, taoyuan, { name: '柳塘村' });
    await village(t, shimen, { name: '石门村' });
    admin = await staffAccount(t, 'admin', qingshui);
    countyStaff = await staffAccount(t, 'county_supervisor', qingshui, { displayName: '周县纪委' });
    handler = await staffAccount(t, 'township_handler', taoyuan, { username: 'taoyuan', displayName: '李桃源' });
    shimenHandler = await staffAccount(t, 'township_handler', shimen, { displayName: '王石门' });
  });
  afterAll(async () => {
    await t?.close();
  });
  const at = (date: string) => t.clock.set(chinaMorning(date));
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const caseOf = async (as: Caller, reportNo: string) => (await t.call(contract.case.get, { params: { reportNo } }, as)).body;
  const lookup = async (queryCode: string) => (await t.call(contract.report.lookup, { body: { queryCode } })).body;

  it('takes an accusation from receipt through reply, rating, review and closing', async () => {
    at('2026-09-30');
    const { reportNo, queryCode } = await fileReport(t, dongshan);
    const inbox = await t.call(contract.case.list, {}, handler);
    const row = inbox.body.items.find((c) => c.reportNo === reportNo);
    expect(row).toMatchObject({
      status: 'submitted',
      villageName: '东山村',
      nextDue: { kind: 'acceptance', dueOn: '2026-10-27', daysLeft: 27, overdue: false },
    });

    const before = await caseOf(handler, reportNo);
    expect(before.actions).toEqual(expect.arrayContaining(['accept', 'decline', 'transfer_up', 'note']));
    expect(before.actions).not.toContain('reply');
    const refused = await act(handler, reportNo, { action: 'reply', text: '这是一段不应被接受的答复内容。' });
    expect(refused.status).toBe(409);
    expect(refused.error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await caseOf(handler, reportNo)).timeline).toHaveLength(before.timeline.length);

    at('2026-10-09');
    const accepted = await act(handler, reportNo, { action: 'accept' });
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.deadlines.find((d) => d.kind === 'acceptance')?.metAt).toBe('2026-10-09T02:00:00.000Z');

    at('2026-10-20');
    const replied = await act(handler, reportNo, { action: 'reply', text: '经核查，补贴名单已重新公示，多领的补贴已追回。' });
    expect(replied.body.status).toBe('replied');
    const seen = await lookup(queryCode);
    expect(seen).toMatchObject({ status: 'replied', reply: '经核查，补贴名单已重新公示，多领的补贴已追回。', actions: ['rate'] });

    const unsatisfied = await t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied', comment: '没讲清楚谁多领了' } });
    expect(unsatisfied.body.actions).toEqual(['request_review']);
    expect((await caseOf(handler, reportNo)).actions).not.toContain('close');
    const review = await t.call(contract.reporter.requestReview, { body: { queryCode, reason: '答复没有说明多领补贴的人是谁，请复查。' } });
    // The 复查 is the county's, the level above the township that answered.
    expect(review.body.status).toBe('under_review');
    expect((await caseOf(countyStaff, reportNo)).level).toBe('county');
    expect((await act(handler, reportNo, { action: 'reply', text: '乡镇不能自己复查自己的答复内容。' })).error.code).toBe(
      'ACTION_NOT_ALLOWED',
    );

    await act(countyStaff, reportNo, { action: 'reply', text: '复查后确认：三户多领补贴共1,320元，已全部追回并公示。' });
    // No further step here: the rules tell the reporter where to turn.
    expect((await lookup(queryCode)).reviewPath).toBe('如对复查结果仍有异议，可以向市纪委监委反映');
    const satisfied = await t.call(contract.reporter.rate, { body: { queryCode, rating: 'satisfied' } });
    // Content: the case is filed away at once.
    expect(satisfied.body).toMatchObject({ rating: 'satisfied', status: 'closed', actions: [] });
    expect((await caseOf(countyStaff, reportNo)).actions).toEqual(['note']);
    const final = await lookup(queryCode);
    expect(final.timeline.map((e) => e.text)).toEqual(
      expect.arrayContaining(['您已申请复查，县纪委将重新核查并答复您', '感谢您的评价，本件已办结归档']),
    );
  });

  it('runs a petition on the calendar-day clock with one extension approved by the county', async () => {
    at('2026-09-30');
    const { reportNo, queryCode } = await fileReport(t, dongshan, { track: 'petition', category: 'other' });
    // 15 calendar days after 30 Sep is Thu 15 Oct, a working day.
    expect((await caseOf(handler, reportNo)).nextDue).toMatchObject({ kind: 'acceptance', dueOn: '2026-10-15' });
    at('2026-10-09');
    const accepted = await act(handler, reportNo, { action: 'accept' });
    // 60 days after 9 Oct is Tue 8 Dec.
    expect(accepted.body.deadlines.find((d) => d.kind === 'handling')).toMatchObject({ dueOn: '2026-12-08', metAt: null });
    expect(accepted.body.actions).toContain('request_extension');

    const tooLong = await act(handler, reportNo, { action: 'request_extension', days: 45, reason: '涉及多户村民，需要逐户核实' });
    expect(tooLong.error.code).toBe('EXTENSION_TOO_LONG');
    const requested = await act(handler, reportNo, { action: 'request_extension', days: 30, reason: '涉及多户村民，需要逐户核实' });
    expect(requested.body.extensionRequestedDays).toBe(30);
    expect((await act(handler, reportNo, { action: 'approve_extension' })).error.code).toBe('ACTION_NOT_ALLOWED');
    const approved = await act(countyStaff, reportNo, { action: 'approve_extension' });
    // 60 + 30 days from 9 Oct = Thu 7 Jan 2027, beyond the official calendar we know, so provisional.
    expect(approved.body.deadlines.find((d) => d.kind === 'handling')).toMatchObject({ dueOn: '2027-01-07', provisional: true });
    expect(approved.body.extensionUsed).toBe(true);
    expect((await act(handler, reportNo, { action: 'request_extension', days: 10, reason: '还需要再多一些时间核实' })).error.code).toBe(
      'EXTENSION_ALREADY_USED',
    );

    at('2026-10-20');
    await act(handler, reportNo, { action: 'reply', text: '村里已安排修复路灯，预计本月底完工。' });
    // The review may be asked within 30 days of the reply: until Thu 19 Nov.
    expect((await lookup(queryCode)).dueDates.find((d) => d.kind === 'review_request')?.dueOn).toBe('2026-11-19');
    at('2026-11-19');
    expect((await t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied' } })).status).toBe(200);
    at('2026-11-25');
    const late = await t.call(contract.reporter.requestReview, { body: { queryCode, reason: '路灯到现在也没有修好。' } });
    expect(late.status).toBe(409);
    expect(late.error.code).toBe('REVIEW_PERIOD_ENDED');
  });

  it('lets staff correct the track with a reason, moving the open clocks to the other rules', async () => {
    at('2026-09-16');
    const { reportNo } = await fileReport(t, dongshan, { track: 'accusation' });
    // 15 working days: Mid-Autumn (Fri 25 Sep) and National Day are off, Sun 20 Sep and Sat 10 Oct are worked.
    expect((await caseOf(handler, reportNo)).nextDue?.dueOn).toBe('2026-10-13');
    const corrected = await act(handler, reportNo, { action: 'reclassify', track: 'petition', reason: '反映的是路灯维修，属于问题反映' });
    expect(corrected.body.track).toBe('petition');
    // 15 calendar days after 16 Sep is 1 Oct, National Day: the period ends on 8 Oct.
    expect(corrected.body.nextDue?.dueOn).toBe('2026-10-08');
    expect(corrected.body.timeline.at(-1)).toMatchObject({
      type: 'reclassify',
      publicText: '您反映的事情已归为「需要村里或镇里解决的问题」',
    });
  });

  it('sends a case up to the county, whose own clock starts', async () => {
    at('2026-10-12');
    const { reportNo } = await fileReport(t, dongshan);
    const sent = await act(handler, reportNo, { action: 'transfer_up', reason: '涉及村党组织书记，应由县纪委办理' });
    expect(sent.body).toMatchObject({ status: 'submitted', level: 'county' });
    const county = await caseOf(countyStaff, reportNo);
    expect(county.deadlines.map((d) => d.kind)).toEqual(expect.arrayContaining(['acceptance', 'transfer_up', 'transferred_in']));
    expect(county.deadlines.find((d) => d.kind === 'transferred_in')?.dueOn).toBe('2026-10-19');
    expect((await act(countyStaff, reportNo, { action: 'assign', assigneeId: countyStaff.id })).body.assignee).toBe('周县纪委');
    const accepted = await act(countyStaff, reportNo, { action: 'accept' });
    expect(accepted.body.status).toBe('accepted');

    // The township follows it as the reporter does: no county assignee, no clocks between staff, nothing to do.
    for (const view of [sent.body, await caseOf(handler, reportNo)]) {
      expect(view.actions).toEqual([]);
      expect(view.assignee).toBeNull();
      expect(view.deadlines.map((d) => d.kind)).not.toEqual(expect.arrayContaining(['transfer_up']));
      expect(view.deadlines.map((d) => d.kind)).not.toContain('transferred_in');
      expect(view.deadlines.map((d) => d.kind)).toContain('acceptance');
    }
    const note = await act(handler, reportNo, { action: 'note', text: '村书记的亲属，需回避' });
    expect(note.error.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('records a letter with the date it arrived, so its clock starts then', async () => {
    at('2026-10-12');
    const letter = {
      ...reportBody(dongshan),
      channel: 'letter',
      receivedOn: '2026-09-30',
      mode: 'real_name',
      reporter: { name: '刘桂兰', phone: '13700001111' },
    } as const;
    const res = await t.call(contract.case.recordOffline, { body: letter }, handler);
    expect(res.status).toBe(201);
    expect(res.body.queryCode).toMatch(/^\d{5}( \d{5}){4}$/);
    expect(res.body.dueDates[0]).toMatchObject({ kind: 'acceptance', dueOn: '2026-10-27' });
    const detail = await caseOf(handler, res.body.reportNo);
    expect(detail.channel).toBe('letter');
    expect(detail.timeline[0]).toMatchObject({ actor: '李桃源', internalText: '登记来信反映' });
    const future = await t.call(
      contract.case.recordOffline,
      { body: { ...reportBody(dongshan), channel: 'visit', receivedOn: '2026-10-13' } },
      handler,
    );
    expect(future.error.details?.[0]?.field).toBe('body.receivedOn');
  });

  it('reveals a real-name reporter only on request, and writes each reveal to the audit log', async () => {
    at('2026-10-12');
    const { reportNo } = await fileReport(t, dongshan, { mode: 'real_name', reporter: { name: '张秀英', phone: '13912345678' } });
    const detail = await caseOf(handler, reportNo);
    expect(JSON.stringify(detail)).not.toMatch(/张秀英|13912345678/);
    const list = await t.call(contract.case.list, {}, handler);
    expect(list.text).not.toMatch(/张秀英|13912345678/);
    const revealed = await t.call(contract.case.reveal, { params: { reportNo } }, handler);
    expect(revealed.body).toEqual({ name: '张秀英', phone: '13912345678' });
    const audit = await t.call(contract.admin.auditLog, {}, admin);
    expect(audit.body.items[0]).toMatchObject({ actor: '李桃源', action: 'reveal_reporter', reportNo, at: '2026-10-12T02:00:00.000Z' });
    const anonymous = await fileReport(t, dongshan);
    expect((await t.call(contract.case.reveal, { params: { reportNo: anonymous.reportNo } }, handler)).error.code).toBe(
      'ACTION_NOT_ALLOWED',
    );
  });

  it('lists the villages and the handlers of the jurisdiction, and assigns a case to one', async () => {
    at('2026-10-12');
    const villages = await t.call(contract.case.villages, {}, handler);
    expect(villages.body.items.map((v) => v.name)).toEqual(['东山村', '西河村', '柳塘村']);
    const handlers = await t.call(contract.case.handlers, {}, handler);
    expect(handlers.body.items.map((h) => h.displayName)).toEqual(['李桃源']);
    const countyHandlers = await t.call(contract.case.handlers, {}, countyStaff);
    expect(countyHandlers.body.items.map((h) => h.displayName).sort()).toEqual(['周县纪委', '李桃源', '王石门'].sort());
    const { reportNo } = await fileReport(t, dongshan);
    const idOf = (name: string) => countyHandlers.body.items.find((h) => h.displayName === name)?.id;
    expect(handlers.body.items.find((h) => h.displayName === '李桃源')?.id).toBe(handler.id);
    expect([idOf('王石门'), idOf('周县纪委')]).toEqual([shimenHandler.id, countyStaff.id]);
    const assigned = await act(handler, reportNo, { action: 'assign', assigneeId: handler.id });
    expect(assigned.body.assignee).toBe('李桃源');
    expect((await act(handler, reportNo, { action: 'assign', assigneeId: shimenHandler.id })).error.code).toBe('ASSIGNEE_INVALID');
    expect((await act(handler, reportNo, { action: 'assign', assigneeId: countyStaff.id })).error.code).toBe('ASSIGNEE_INVALID');
  });

  it('shows the county each township’s figures', async () => {
    t.clock.set(DEFAULT_NOW);
    const stats = await t.call(contract.case.stats, {}, countyStaff);
    expect(stats.status).toBe(200);
    const taoyuanRow = stats.body.townships.find((r) => r.code === taoyuan.code);
    const shimenRow = stats.body.townships.find((r) => r.code === shimen.code);
    expect(taoyuanRow?.received).toBeGreaterThanOrEqual(6);
    expect(taoyuanRow?.acceptedOnTime).toBeGreaterThanOrEqual(2);
    expect(taoyuanRow?.answeredOnTime).toBeGreaterThanOrEqual(2);
    expect(taoyuanRow?.satisfaction).toBeCloseTo(0.5);
    expect(taoyuanRow?.medianDaysToAnswer).toBeGreaterThan(0);
    expect(shimenRow).toMatchObject({ received: 0, medianDaysToAnswer: null, satisfaction: null });
    expect((await t.call(contract.case.stats, {}, handler)).error.code).toBe('FORBIDDEN');
  });
});
