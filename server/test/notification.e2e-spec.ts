import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { MAX_ATTEMPTS, OutboxWorker, backoffMs } from '../src/modules/notification/outbox-worker.js';
import { OutboxJobEntity } from '../src/modules/notification/outbox-job.entity.js';
import { casework, chinaMorning, fileReport, type Region, type StaffFixture } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { type SmsStandIn, startSmsStandIn } from './stand-ins/sms-stand-in.js';

type Action = RouteInput<typeof contract.case.act>['body'];

const CONTENT = '村会计把低保名额给了自己的亲戚，真正困难的王大爷一家没有评上。';
const CONCERNED = '村会计张某某';
const REPORTER = { name: '李秀英', phone: '13912345678' };

describe.each(DATABASE_KINDS)('progress notices by SMS on %s', (kind) => {
  let t: TestApp;
  let sms: SmsStandIn;
  let dongshan: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;

  beforeAll(async () => {
    sms = await startSmsStandIn();
    t = await startTestApp(kind, sms.env);
    ({ dongshan, handler, countyStaff } = await casework(t));
  });
  afterAll(async () => {
    await t?.close();
    await sms?.close();
  });
  beforeEach(async () => {
    await sms.resume();
    t.clock.set(chinaMorning('2026-11-02'));
  });

  const act = async (reportNo: string, body: Action, as: StaffFixture = handler) => {
    const answer = await t.call(contract.case.act, { params: { reportNo }, body }, as);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const work = () => t.app.get(OutboxWorker).runOnce();
  const jobsOf = async (reportNo: string) => {
    const [report] = await t.app.get(DataSource).query<{ id: number }[]>('SELECT id FROM reports WHERE report_no = ?', [reportNo]);
    return t.app
      .get(DataSource)
      .getRepository(OutboxJobEntity)
      .find({ where: { reportId: report!.id }, order: { id: 'ASC' } });
  };
  const fileRealName = () => fileReport(t, dongshan, { mode: 'real_name', reporter: REPORTER, content: CONTENT, concerned: CONCERNED });
  const sentTo = (phone: string) => sms.state.sent.filter((s) => s.phone === `+86${phone}`);

  it('tells a real-name H5 reporter by SMS that the report was accepted, answered and reviewed, once each, and nothing more', async () => {
    const before = sentTo(REPORTER.phone).length;
    const { reportNo, queryCode } = await fileRealName();
    await act(reportNo, { action: 'accept' });
    // Written with the step, sent by the worker: nothing goes out in the request.
    expect(sentTo(REPORTER.phone)).toHaveLength(before);
    expect(await work()).toMatchObject({ sent: 1 });
    expect(await work()).toMatchObject({ claimed: 0 });

    t.clock.set(chinaMorning('2026-11-20'));
    await act(reportNo, { action: 'reply', text: '经核查，低保评定已按程序重新评议，王大爷一家已纳入低保。' });
    expect((await t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied' } })).status).toBe(200);
    const review = await t.call(contract.reporter.requestReview, { body: { queryCode, reason: '重新评议时村会计仍在场，请复查。' } });
    expect(review.status).toBe(200);
    t.clock.set(chinaMorning('2026-11-28'));
    await act(reportNo, { action: 'reply', text: '复查后确认评议程序合规，村会计已回避。' }, countyStaff);
    expect(await work()).toMatchObject({ sent: 2 });

    const messages = sentTo(REPORTER.phone).slice(before);
    expect(messages.map((m) => m.params)).toEqual([
      ['已受理', '11月2日'],
      ['已答复', '11月20日'],
      ['已复查', '11月28日'],
    ]);
    expect(new Set(messages.map((m) => m.templateId))).toEqual(new Set([sms.env.SMS_TEMPLATE_PROGRESS]));
    // Nothing of the report in anything the provider received: not its text, the person named, the reporter's name, or the village.
    const received = JSON.stringify(sms.state.requests.map((r) => r.body));
    for (const secret of [CONTENT, CONTENT.slice(0, 6), CONCERNED, '张某', REPORTER.name, '东山村', '低保', reportNo, queryCode])
      expect(received).not.toContain(secret);
    // Staff see what the reporter was told, and when: the county, which handles the review (the township's limited view lists none).
    const seen = (await t.call(contract.case.get, { params: { reportNo } }, countyStaff)).body;
    expect(seen.reporterNotices).toEqual([
      { channel: 'sms', phrase: '已受理', sentOn: '2026-11-02' },
      { channel: 'sms', phrase: '已答复', sentOn: '2026-11-28' },
      { channel: 'sms', phrase: '已复查', sentOn: '2026-11-28' },
    ]);
    expect((await jobsOf(reportNo)).map((j) => [j.status, j.channel])).toEqual([
      ['sent', 'sms'],
      ['sent', 'sms'],
      ['sent', 'sms'],
    ]);
  });

  it('tells of a decline too, and writes nothing at all for an anonymous report', async () => {
    const { reportNo } = await fileRealName();
    await act(reportNo, { action: 'decline', reason: '所反映问题不属于纪检监察机关受理范围，请向民政部门反映。' });
    await work();
    expect(sentTo(REPORTER.phone).at(-1)?.params).toEqual(['不予受理', '11月2日']);

    const anonymous = await fileReport(t, dongshan, { content: CONTENT });
    await act(anonymous.reportNo, { action: 'accept' });
    await act(anonymous.reportNo, { action: 'reply', text: '经核查，低保评定已按程序重新评议。' });
    expect(await jobsOf(anonymous.reportNo)).toEqual([]);
  });

  it('sends no SMS for a real-name report staff registered from a letter, call or visit: that phone was not given to be told on', async () => {
    const before = sentTo(REPORTER.phone).length;
    const { reportNo } = await fileRealName();
    await t.app.get(DataSource).query("UPDATE reports SET channel = 'visit' WHERE report_no = ?", [reportNo]);
    await act(reportNo, { action: 'accept' });
    await work();
    expect((await jobsOf(reportNo)).map((j) => [j.status, j.lastError])).toEqual([['skipped', 'not filed online']]);
    expect(sentTo(REPORTER.phone).length).toBe(before);
  });

  it('never holds up a step while the provider is down, and sends once when it is back', async () => {
    const { reportNo } = await fileRealName();
    const before = sentTo(REPORTER.phone).length;
    await sms.pause();
    const accepted = await act(reportNo, { action: 'accept' });
    expect(accepted.status).toBe('accepted');
    expect(await work()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const [waiting] = await jobsOf(reportNo);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, claimedBy: null });
    expect(waiting!.nextAttemptAt.getTime()).toBe(t.clock.now().getTime() + backoffMs(1));

    await sms.resume();
    // Not before its time.
    expect(await work()).toMatchObject({ claimed: 0 });
    t.clock.set(new Date(t.clock.now().getTime() + backoffMs(1)));
    expect(await work()).toMatchObject({ sent: 1 });
    expect(await work()).toMatchObject({ claimed: 0 });
    expect(
      sentTo(REPORTER.phone)
        .slice(before)
        .map((m) => m.params[0]),
    ).toEqual(['已受理']);
    expect((await jobsOf(reportNo))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('gives up at once on a number the provider will never deliver to, and after the last attempt on one that keeps failing', async () => {
    const blocked = await fileRealName();
    sms.state.failNext('FailedOperation.PhoneNumberInBlacklist', { perNumber: true });
    await act(blocked.reportNo, { action: 'accept' });
    expect(await work()).toMatchObject({ failed: 1 });
    expect((await jobsOf(blocked.reportNo))[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'sms FailedOperation.PhoneNumberInBlacklist',
    });

    const busy = await fileRealName();
    sms.state.failNext('InternalError.Timeout', { times: MAX_ATTEMPTS });
    await act(busy.reportNo, { action: 'accept' });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await work()).toMatchObject({ claimed: 1 });
      t.clock.set(new Date(t.clock.now().getTime() + backoffMs(attempt)));
    }
    expect(await work()).toMatchObject({ claimed: 0 });
    expect((await jobsOf(busy.reportNo))[0]).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      lastError: 'sms InternalError.Timeout',
    });
  });

  // Two apps share one database only on MySQL (SQLite here is in memory, one per app).
  if (kind === 'mysql')
    it('claims each job once when two instances work at once on one database', async () => {
      const reports = await Promise.all([fileRealName(), fileRealName(), fileRealName()]);
      for (const { reportNo } of reports) await act(reportNo, { action: 'accept' });
      const other = await startTestApp(kind, sms.env, t);
      try {
        other.clock.set(t.clock.now());
        const before = sentTo(REPORTER.phone).length;
        const rounds = await Promise.all([work(), other.app.get(OutboxWorker).runOnce()]);
        expect(rounds.reduce((sum, r) => sum + r.claimed, 0)).toBe(3);
        expect(sentTo(REPORTER.phone).length - before).toBe(3);
        for (const { reportNo } of reports) expect((await jobsOf(reportNo)).map((j) => [j.status, j.attempts])).toEqual([['sent', 1]]);
      } finally {
        await other.app.close();
      }
    });

  if (kind === 'mysql')
    it('sends each job once when sends are slow and another instance starts its round meanwhile', async () => {
      const reports = await Promise.all([fileRealName(), fileRealName(), fileRealName()]);
      for (const { reportNo } of reports) await act(reportNo, { action: 'accept' });
      const other = await startTestApp(kind, sms.env, t);
      const before = sentTo(REPORTER.phone).length;
      let requests = 0;
      const otherRounds: Array<Promise<unknown>> = [];
      try {
        other.clock.set(t.clock.now());
        // Each send takes 100 s on both instances' clocks; the second instance starts at the second send.
        sms.state.slowly = async () => {
          for (const app of [t, other]) app.clock.set(new Date(app.clock.now().getTime() + 100_000));
          if (++requests === 2) otherRounds.push(other.app.get(OutboxWorker).runOnce());
          await new Promise((resolve) => setTimeout(resolve, 50));
        };
        await work();
        await Promise.all(otherRounds);
        sms.state.slowly = null;
        await Promise.all([work(), other.app.get(OutboxWorker).runOnce()]);
        expect(sentTo(REPORTER.phone).length - before).toBe(3);
        for (const { reportNo } of reports) expect((await jobsOf(reportNo)).map((j) => [j.status, j.attempts])).toEqual([['sent', 1]]);
      } finally {
        sms.state.slowly = null;
        await other.app.close();
      }
    });
});

describe.each(DATABASE_KINDS)('the SMS stand-in on %s', (kind) => {
  it('refuses a request signed with another key, so a wrong signature cannot pass unnoticed', async () => {
    const sms = await startSmsStandIn();
    const t = await startTestApp(kind, { ...sms.env, SMS_SECRET_KEY: `${sms.env.SMS_SECRET_KEY}x` });
    try {
      const { dongshan, handler } = await casework(t);
      const { reportNo } = await fileReport(t, dongshan, { mode: 'real_name', reporter: REPORTER });
      expect((await t.call(contract.case.act, { params: { reportNo }, body: { action: 'accept' } }, handler)).status).toBe(200);
      expect(await t.app.get(OutboxWorker).runOnce()).toMatchObject({ retried: 1 });
      expect(sms.state.sent).toEqual([]);
      expect(sms.state.requests).toHaveLength(1);
      const [job] = await t.app.get(DataSource).getRepository(OutboxJobEntity).find();
      expect(job!.lastError).toBe('sms AuthFailure.SignatureFailure');
    } finally {
      await t.close();
      await sms.close();
    }
  });
});
