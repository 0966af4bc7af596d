import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chinaMorning, county, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';

type Action = RouteInput<typeof contract.case.act>['body'];

/** Who rates an answer, and how a petition's answer is contested: 复查 by the level above, then where to turn. */
describe.each(DATABASE_KINDS)('rating and review on %s', (kind) => {
  let t: TestApp;
  let taoyuan: Region;
  let dongshan: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingshui = await county(t);
    taoyuan = await township(t, qingshui);
    dongshan = await village(t, taoyuan);
    handler = await staffAccount(t, 'township_handler', taoyuan);
    countyStaff = await staffAccount(t, 'county_supervisor', qingshui, { displayName: '周回访' });
  });
  afterAll(async () => {
    await t?.close();
  });
  const on = (date: string) => t.clock.set(chinaMorning(date));
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const lookup = async (queryCode: string) => (await t.call(contract.report.lookup, { body: { queryCode } })).body;
  const realName = { mode: 'real_name', reporter: { name: '张三', phone: '13800138000' } } as const;
  const answered = async (date: string, track: 'petition' | 'accusation' = 'petition', mode: 'anonymous' | 'real_name' = 'anonymous') => {
    on(date);
    const receipt = await fileReport(t, dongshan, { track, ...(mode === 'real_name' ? realName : {}) });
    await act(handler, receipt.reportNo, { action: 'accept' });
    await act(handler, receipt.reportNo, { action: 'reply', text: '已安排村委会重新核算并公示补贴名单。' });
    return receipt;
  };

  it('gives a petition one 复查 by the county, then tells the reporter where to ask for 复核: never a loop', async () => {
    const { reportNo, queryCode } = await answered('2026-09-01');
    expect((await lookup(queryCode)).reviewPath).toBe('如对答复不满意，可在2026年10月8日前申请复查'); // 1 Sep + 30 → 1 Oct, National Day
    await t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied' } });
    const review = await t.call(contract.reporter.requestReview, { body: { queryCode, reason: '名单里还有不该领的人' } });
    expect(review.body.status).toBe('under_review');
    const county = (await t.call(contract.case.get, { params: { reportNo } }, countyStaff)).body;
    expect(county).toMatchObject({ level: 'county', status: 'under_review' });
    expect(county.deadlines.find((d) => d.kind === 'review' && !d.metAt)).toBeDefined();

    await act(countyStaff, reportNo, { action: 'reply', text: '复查后，县纪委已责令追回两户多领的补贴。' });
    const after = await lookup(queryCode);
    expect(after.reviewPath).toBe('请向市级信访工作机构申请复核');
    expect(after.dueDates.filter((d) => d.kind === 'review_request' && !d.metAt)).toHaveLength(1);
    await t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied' } });
    const again = await t.call(contract.reporter.requestReview, { body: { queryCode, reason: '还是不满意，再查一次' } });
    expect(again.error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await lookup(queryCode)).actions).toEqual([]);
    // The path leads outside this system, so the county may file the case away.
    expect((await act(countyStaff, reportNo, { action: 'close' })).body.status).toBe('closed');
  });

  it("records a county callback's rating under the county account's name, and counts ratings by the way they came", async () => {
    const byCall = await answered('2026-09-10', 'petition', 'real_name');
    const byReporter = await answered('2026-09-10');
    const call = { params: { reportNo: byCall.reportNo }, body: { rating: 'satisfied', note: '电话回访，村民说钱已经退回' } } as const;
    expect((await t.call(contract.case.callbackRating, call, handler)).error.code).toBe('FORBIDDEN');
    const recorded = await t.call(contract.case.callbackRating, call, countyStaff);
    expect(recorded.body).toMatchObject({ rating: 'satisfied', status: 'closed' });
    expect(recorded.body.timeline.find((e) => e.type === 'rate')).toMatchObject({
      actor: '周回访',
      publicText: '县纪委回访，记录您对答复的评价：满意',
    });
    expect((await t.call(contract.case.callbackRating, call, countyStaff)).error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await lookup(byCall.queryCode)).rating).toBe('satisfied');

    await t.call(contract.reporter.rate, { body: { queryCode: byReporter.queryCode, rating: 'basically_satisfied' } });
    const stats = (await t.call(contract.case.stats, {}, countyStaff)).body.townships.find((s) => s.code === taoyuan.code);
    // The reporter's own: this one, and the 不满意 of the first test's case.
    expect(stats).toMatchObject({ ratingsByCallback: 1, ratingsByReporter: 2 });
  });

  it('refuses a rating sent from a signed-in staff client: the township never rates its own work', async () => {
    const { queryCode } = await answered('2026-09-15');
    const fromStaff = await t.call(contract.reporter.rate, { body: { queryCode, rating: 'satisfied' } }, handler);
    expect(fromStaff).toMatchObject({ status: 403, error: { code: 'RATING_NOT_YOURS' } });
    expect((await lookup(queryCode)).rating).toBeNull();
  });

  it('refuses a callback rating on an anonymous report, and on an answer the county gave itself', async () => {
    const anonymous = await answered('2026-09-16');
    const onAnonymous = await t.call(
      contract.case.callbackRating,
      { params: { reportNo: anonymous.reportNo }, body: { rating: 'satisfied' } },
      countyStaff,
    );
    expect(onAnonymous.error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await lookup(anonymous.queryCode)).rating).toBeNull();

    on('2026-09-16');
    const sentUp = await fileReport(t, dongshan, realName);
    await act(handler, sentUp.reportNo, { action: 'transfer_up', reason: '涉及乡镇干部，报县纪委' });
    await act(countyStaff, sentUp.reportNo, { action: 'accept' });
    expect((await act(countyStaff, sentUp.reportNo, { action: 'reply', text: '经核查，反映的问题不属实，特此答复。' })).body).toMatchObject(
      {
        level: 'county',
        status: 'replied',
      },
    );
    const ownAnswer = await t.call(
      contract.case.callbackRating,
      { params: { reportNo: sentUp.reportNo }, body: { rating: 'satisfied' } },
      countyStaff,
    );
    expect(ownAnswer.error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await lookup(sentUp.queryCode)).rating).toBeNull();
  });

  it('refuses a rating once the period to rate has ended, and files the case away', async () => {
    const { reportNo, queryCode } = await answered('2026-06-01');
    // The period to ask for 复查 is the period to rate, where the rules set none of its own.
    const ratingDue = (await lookup(queryCode)).dueDates.find((d) => d.kind === 'review_request')?.dueOn;
    expect(ratingDue).toBeDefined();
    const dayAfter = new Date(Date.parse(`${ratingDue}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    on(dayAfter);
    expect((await lookup(queryCode)).actions).not.toContain('rate');
    const late = await t.call(contract.reporter.rate, { body: { queryCode, rating: 'satisfied' } });
    expect(late).toMatchObject({ status: 409, error: { code: 'RATING_PERIOD_ENDED' } });
    const call = await t.call(contract.case.callbackRating, { params: { reportNo }, body: { rating: 'satisfied' } }, countyStaff);
    expect(call.error.code).toBe('ACTION_NOT_ALLOWED'); // anonymous: no callback either
    await t.app.get(DeadlineSweep).run();
    expect(await lookup(queryCode)).toMatchObject({ status: 'closed', rating: null });
  });

  it('files away a 不满意 whose next step is decided outside this system, once its period ends', async () => {
    const { reportNo, queryCode } = await answered('2026-11-02');
    await t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied' } });
    await t.call(contract.reporter.requestReview, { body: { queryCode, reason: '名单里还有不该领的人' } });
    await act(countyStaff, reportNo, { action: 'reply', text: '复查后，县纪委已责令追回两户多领的补贴。' });
    const rated = await t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied' } });
    expect(rated.body).toMatchObject({ status: 'replied', reviewPath: '请向市级信访工作机构申请复核' });
    const due = rated.body.dueDates.filter((d) => d.kind === 'review_request' && !d.metAt).at(-1)?.dueOn;
    expect(due).toBeDefined();
    on(due!);
    await t.app.get(DeadlineSweep).run();
    expect((await lookup(queryCode)).status).toBe('replied'); // the last day is still the reporter's
    on(new Date(Date.parse(`${due}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
    await t.app.get(DeadlineSweep).run();
    const filed = await lookup(queryCode);
    expect(filed.status).toBe('closed');
    expect(filed.timeline.at(-1)?.text).toBe('本件在本系统内已办结归档。如仍不满意，请向市级信访工作机构申请复核');
  });

  it('files a content reporter’s case away with the rating, in one step', async () => {
    const { queryCode } = await answered('2026-11-16');
    const rated = await t.call(contract.reporter.rate, { body: { queryCode, rating: 'basically_satisfied' } });
    expect(rated.body).toMatchObject({ status: 'closed', rating: 'basically_satisfied' });
    expect(rated.body.timeline.slice(-2).map((e) => e.text)).toEqual(['您对答复的评价：基本满意', '感谢您的评价，本件已办结归档']);
  });

  it('takes the five levels of 好差评: 非常满意 files the case away, 非常不满意 keeps its reasons and opens 复查 as 不满意 does', async () => {
    const content = await answered('2026-12-01');
    const best = await t.call(contract.reporter.rate, { body: { queryCode: content.queryCode, rating: 'very_satisfied' } });
    expect(best.body).toMatchObject({ status: 'closed', rating: 'very_satisfied', ratingReasons: [], next: { date: null } });

    const { reportNo, queryCode } = await answered('2026-12-01', 'petition', 'real_name');
    const worst = await t.call(contract.reporter.rate, {
      body: { queryCode, rating: 'very_unsatisfied', reasons: ['not_solved', 'too_slow'], comment: '补贴还是没发' },
    });
    expect(worst.body).toMatchObject({ status: 'replied', rating: 'very_unsatisfied', ratingReasons: ['not_solved', 'too_slow'] });
    expect(worst.body.actions).toContain('request_review');
    expect(worst.body.next).toMatchObject({ text: expect.stringContaining('可以在') });
    expect(worst.body.next.date).toBe(worst.body.dueDates.find((d) => d.kind === 'review_request')?.dueOn);
    // The officer reads the reasons on the case, as data and in the timeline's note.
    const seen = (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;
    expect(seen).toMatchObject({ rating: 'very_unsatisfied', ratingReasons: ['not_solved', 'too_slow'] });
    expect(seen.timeline.find((e) => e.type === 'rate')?.internalText).toBe('没有解决问题、办理太慢；补贴还是没发');
    // The county may not file it away while 复查 can still be asked for here.
    expect((await act(countyStaff, reportNo, { action: 'close' })).error.code).toBe('ACTION_NOT_ALLOWED');
    const review = await t.call(contract.reporter.requestReview, { body: { queryCode, reason: '补贴还是没有发到手上' } });
    expect(review.body).toMatchObject({ status: 'under_review', rating: null, ratingReasons: [] });
    expect(review.body.next.date).toBe(review.body.dueDates.find((d) => d.kind === 'review' && !d.metAt)?.dueOn);
  });

  it('refuses reasons with a satisfied rating, an unknown reason and a reason twice, with a stable code', async () => {
    const { queryCode } = await answered('2026-12-02');
    for (const body of [
      { queryCode, rating: 'satisfied', reasons: ['not_solved'] },
      { queryCode, rating: 'unsatisfied', reasons: ['bribe'] },
      { queryCode, rating: 'unsatisfied', reasons: ['too_slow', 'too_slow'] },
      { queryCode, rating: 'so_so' },
    ]) {
      const refused = await t.call(contract.reporter.rate, { body } as never);
      expect(refused).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED' } });
    }
    expect((await lookup(queryCode)).rating).toBeNull();
  });

  it('takes a county callback at the new levels: 非常不满意 by phone is a 差评 like 不满意', async () => {
    const { reportNo, queryCode } = await answered('2026-12-03', 'petition', 'real_name');
    const call = { params: { reportNo }, body: { rating: 'very_unsatisfied', note: '电话回访，村民说没人来看过' } } as const;
    expect((await t.call(contract.case.callbackRating, call, countyStaff)).body).toMatchObject({
      status: 'replied',
      rating: 'very_unsatisfied',
    });
    expect((await lookup(queryCode)).actions).toContain('request_review');
  });

  it('always tells the reporter the next date: the acceptance, a date to look again on an accusation under investigation, the rating', async () => {
    on('2026-10-12');
    const accusation = await fileReport(t, dongshan, { track: 'accusation', ...realName });
    const filed = await lookup(accusation.queryCode);
    const acceptance = filed.dueDates.find((d) => d.kind === 'acceptance')!.dueOn;
    expect(filed.next).toMatchObject({ date: acceptance, text: expect.stringMatching(/^乡镇纪委会在\d{4}年\d+月\d+日前告诉您是否受理$/) });
    await act(handler, accusation.reportNo, { action: 'accept' });
    const accepted = await lookup(accusation.queryCode);
    expect(accepted.status).toBe('accepted');
    expect(accepted.next).toEqual({
      date: '2026-11-11',
      text: '乡镇纪委已经受理，正在调查核实。查清后会告诉您结果。这一步没有固定期限，请在2026年11月11日前后再来查看进展',
    });
    on('2026-11-20'); // past that date: the next one, 30 days on
    expect((await lookup(accusation.queryCode)).next.date).toBe('2026-12-11');
    expect(JSON.stringify(accepted)).not.toContain('检举控告');

    const petition = await answered('2026-11-20');
    const replied = await lookup(petition.queryCode);
    expect(replied.next.text).toMatch(/^请看下面的答复，并在\d{4}年\d+月\d+日前评价一下是否满意$/);
    expect(replied.next.date).toBe(replied.dueDates.find((d) => d.kind === 'review_request')?.dueOn);
  });
});
