import { API_PREFIX, REPORTER_TOKEN_HEADER, type ReportReceipt, buildPath, contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { OutboxJobEntity } from '../src/modules/notification/outbox-job.entity.js';
import { OutboxWorker } from '../src/modules/notification/outbox-worker.js';
import { ReportSubscriptionEntity } from '../src/modules/notification/report-subscription.entity.js';
import { NOTICE_LINE, NOTICE_PAGE } from '../src/modules/notification/wechat-notices.js';
import { casework, chinaMorning, type Region, reportBody, type ReportInput, type StaffFixture } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { type SmsStandIn, startSmsStandIn } from './stand-ins/sms-stand-in.js';
import { STAND_IN_TEMPLATES, type WechatStandIn, startWechatStandIn } from './stand-ins/wechat-stand-in.js';

const CONTENT = '村支书把村集体的鱼塘低价包给了自己的小舅子，没有开村民代表会。';
const CONCERNED = '村支书刘某';
const REPORTER = { name: '孙玉梅', phone: '13812340000' };

describe.each(DATABASE_KINDS)('progress notices by WeChat subscribe message on %s', (kind) => {
  let t: TestApp;
  let wechat: WechatStandIn;
  let sms: SmsStandIn;
  let dongshan: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;

  beforeAll(async () => {
    // The stand-in takes only pages of the mini program's app.config.ts (41030 otherwise): NOTICE_PAGE must be one.
    wechat = await startWechatStandIn({ now: () => t.clock.now().getTime() });
    // SMS is configured too: a mini-program report still never gets one.
    sms = await startSmsStandIn();
    t = await startTestApp(kind, {
      ...wechat.env,
      ...sms.env,
      WECHAT_TEMPLATE_ACCEPTED: STAND_IN_TEMPLATES.accepted,
      WECHAT_TEMPLATE_ANSWERED: STAND_IN_TEMPLATES.answered,
      WECHAT_TEMPLATE_REVIEWED: STAND_IN_TEMPLATES.reviewed,
    });
    ({ dongshan, handler, countyStaff } = await casework(t));
    t.clock.set(chinaMorning('2026-11-02'));
  });
  afterAll(async () => {
    await t?.close();
    await wechat?.close();
    await sms?.close();
  });

  const signIn = async (openid: string) => {
    const answer = await t.call(contract.reporterAccount.wechatLogin, { body: { code: wechat.state.issueLoginCode(openid) } });
    return answer.body.token;
  };
  const file = async (token: string, overrides: Partial<ReportInput> = {}) => {
    const body = reportBody(dongshan, { mode: 'real_name', reporter: REPORTER, content: CONTENT, concerned: CONCERNED, ...overrides });
    const answer = await t.request('POST', `${API_PREFIX}${contract.report.create.path}`, body, undefined, {
      [REPORTER_TOKEN_HEADER]: token,
    });
    expect(answer.status).toBe(201);
    return answer.body as ReportReceipt;
  };
  const grant = (token: string, ref: string, results: Record<string, string>) =>
    t.request('POST', `${API_PREFIX}${buildPath(contract.notification.grantSubscriptions.path, { ref })}`, { results }, undefined, {
      [REPORTER_TOKEN_HEADER]: token,
    });
  const act = async (reportNo: string, body: { action: 'accept' } | { action: 'reply'; text: string }, as: StaffFixture = handler) =>
    expect((await t.call(contract.case.act, { params: { reportNo }, body }, as)).status).toBe(200);
  const work = () => t.app.get(OutboxWorker).runOnce();
  const idOf = async (reportNo: string) =>
    (await t.app.get(DataSource).query<{ id: number }[]>('SELECT id FROM reports WHERE report_no = ?', [reportNo]))[0]!.id;
  const jobsOf = async (reportNo: string) =>
    t.app
      .get(DataSource)
      .getRepository(OutboxJobEntity)
      .find({ where: { reportId: await idOf(reportNo) }, order: { id: 'ASC' } });
  const messagesTo = (openid: string) => wechat.state.sentMessages.filter((m) => m.touser === openid);

  it('gives the mini program the three templates to ask for', async () => {
    expect((await t.call(contract.notification.templates, {})).body).toEqual({
      templates: [
        { event: 'accepted', templateId: STAND_IN_TEMPLATES.accepted },
        { event: 'answered', templateId: STAND_IN_TEMPLATES.answered },
        { event: 'reviewed', templateId: STAND_IN_TEMPLATES.reviewed },
      ],
      smsNotifications: true,
      phoneLogin: true,
    });
  });

  it('sends one content-free message for each event the reporter allowed, and nothing for the others', async () => {
    const openid = 'o-sun-yumei';
    const token = await signIn(openid);
    const { reportNo, queryCode } = await file(token);
    // The reporter tapped 允许 for 受理 and 办理结果, 拒绝 for 复查结果; the mini program posts the answer as it came.
    wechat.state.grantSubscription(openid, STAND_IN_TEMPLATES.accepted);
    wechat.state.grantSubscription(openid, STAND_IN_TEMPLATES.answered);
    const granted = await grant(token, reportNo, {
      [STAND_IN_TEMPLATES.accepted]: 'accept',
      [STAND_IN_TEMPLATES.answered]: 'accept',
      [STAND_IN_TEMPLATES.reviewed]: 'reject',
      errMsg: 'requestSubscribeMessage:ok',
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({ granted: ['accepted', 'answered'] });

    await act(reportNo, { action: 'accept' });
    expect(await work()).toMatchObject({ sent: 1 });
    t.clock.set(chinaMorning('2026-11-20'));
    await act(reportNo, { action: 'reply', text: '经核查，鱼塘承包已按程序重新公开招标。' });
    expect((await t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied' } })).status).toBe(200);
    expect((await t.call(contract.reporter.requestReview, { body: { queryCode, reason: '招标时村支书仍然参与，请复查。' } })).status).toBe(
      200,
    );
    await act(reportNo, { action: 'reply', text: '复查确认村支书已回避，招标合规。' }, countyStaff);
    expect(await work()).toMatchObject({ sent: 1, skipped: 1 });

    expect(messagesTo(openid)).toEqual([
      {
        touser: openid,
        template_id: STAND_IN_TEMPLATES.accepted,
        page: NOTICE_PAGE,
        data: { phrase1: { value: '已受理' }, thing2: { value: NOTICE_LINE }, date3: { value: '2026年11月2日' } },
      },
      {
        touser: openid,
        template_id: STAND_IN_TEMPLATES.answered,
        page: NOTICE_PAGE,
        data: { phrase1: { value: '已答复' }, thing2: { value: NOTICE_LINE }, date3: { value: '2026年11月20日' } },
      },
    ]);
    const jobs = await jobsOf(reportNo);
    expect(jobs.map((j) => [j.status, j.channel])).toEqual([
      ['sent', 'wechat'],
      ['sent', 'wechat'],
      ['skipped', null],
    ]);
    // Nothing of the report went to WeChat, and no SMS went to the phone the report gave.
    const toWechat = JSON.stringify(wechat.state.callsTo('subscribe_send').map((r) => r.body));
    for (const secret of [CONTENT.slice(0, 6), CONCERNED, '刘某', REPORTER.name, REPORTER.phone, '东山村', '鱼塘', reportNo, queryCode])
      expect(toWechat).not.toContain(secret);
    expect(sms.state.requests).toEqual([]);
    const grants = await t.app
      .get(DataSource)
      .getRepository(ReportSubscriptionEntity)
      .findBy({ reportId: await idOf(reportNo) });
    expect(grants.map((g) => [g.event, g.status]).sort()).toEqual([
      ['accepted', 'used'],
      ['answered', 'used'],
    ]);
    // The same post again does not re-arm a spent grant: only a new WeChat prompt could, and that cannot be told from a replay.
    const again = await grant(token, reportNo, { [STAND_IN_TEMPLATES.accepted]: 'accept', [STAND_IN_TEMPLATES.answered]: 'accept' });
    expect(again.body).toEqual({ granted: [] });
  });

  it('stores grants only for the account that filed the report', async () => {
    const owner = await signIn('o-owner');
    const other = await signIn('o-someone-else');
    const { reportNo } = await file(owner);
    const refused = await grant(other, reportNo, { [STAND_IN_TEMPLATES.accepted]: 'accept' });
    expect(refused.status).toBe(404);
    expect(refused.error.code).toBe('REPORT_NOT_FOUND');
    expect((await grant('not-a-token', reportNo, {})).error.code).toBe('REPORTER_SESSION_EXPIRED');
    // An anonymous report is linked to no one: no grant can be stored for it.
    const anonymous = await t.request('POST', `${API_PREFIX}${contract.report.create.path}`, reportBody(dongshan), undefined, {
      [REPORTER_TOKEN_HEADER]: owner,
    });
    expect((await grant(owner, (anonymous.body as ReportReceipt).reportNo, { [STAND_IN_TEMPLATES.accepted]: 'accept' })).status).toBe(404);
  });

  it('takes 43101 as the end of that grant, gives up on 47003, and retries when WeChat is busy', async () => {
    const openid = 'o-refused';
    const token = await signIn(openid);
    const withdrawn = await file(token);
    // The server holds the grant, WeChat does not (the reporter turned subscriptions off since): 43101.
    await grant(token, withdrawn.reportNo, { [STAND_IN_TEMPLATES.accepted]: 'accept' });
    await act(withdrawn.reportNo, { action: 'accept' });
    expect(await work()).toMatchObject({ skipped: 1 });
    expect((await jobsOf(withdrawn.reportNo))[0]).toMatchObject({ status: 'skipped', lastError: 'wechat 43101 not subscribed' });
    const [unusable] = await t.app
      .get(DataSource)
      .getRepository(ReportSubscriptionEntity)
      .findBy({ reportId: await idOf(withdrawn.reportNo) });
    expect(unusable!.status).toBe('unusable');
    expect((await grant(token, withdrawn.reportNo, { [STAND_IN_TEMPLATES.accepted]: 'accept' })).body).toEqual({ granted: [] });

    const refused = await file(token);
    wechat.state.grantSubscription(openid, STAND_IN_TEMPLATES.accepted);
    await grant(token, refused.reportNo, { [STAND_IN_TEMPLATES.accepted]: 'accept' });
    wechat.state.failNext('subscribe_send', 47003);
    await act(refused.reportNo, { action: 'accept' });
    expect(await work()).toMatchObject({ failed: 1 });
    expect((await jobsOf(refused.reportNo))[0]).toMatchObject({ status: 'failed', attempts: 1 });

    const busy = await file(token);
    await grant(token, busy.reportNo, { [STAND_IN_TEMPLATES.accepted]: 'accept' });
    wechat.state.failNext('subscribe_send', -1, { times: 2 });
    await act(busy.reportNo, { action: 'accept' });
    expect(await work()).toMatchObject({ retried: 1 });
    t.clock.set(new Date(t.clock.now().getTime() + 60 * 60_000));
    expect(await work()).toMatchObject({ sent: 1 });
    expect(messagesTo(openid)).toHaveLength(1);
    expect(sms.state.requests).toEqual([]);
  });
});
