import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API_PREFIX, REPORTER_TOKEN_HEADER, type ReportReceipt, contract } from '@mashang/shared';
import { OutboxWorker } from '../src/modules/notification/outbox-worker.js';
import { county, type Region, reportBody, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import type { ReportInput } from './factories/reports.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { type WechatStandIn, startWechatStandIn } from './stand-ins/wechat-stand-in.js';

const CONTENT = '村支书王某把村里的低保名额给了自己的亲戚，请上级查一查。';
const realName = { mode: 'real_name', reporter: { name: '张秀英', phone: '13912345678' }, content: CONTENT } as const;

/** The text check runs only when configured, only for real-name reports of a signed-in WeChat user. */
describe.each(DATABASE_KINDS)('WeChat text check on %s', (kind) => {
  const checksSent = (wechat: WechatStandIn) => wechat.state.requests.filter((r) => r.path.includes('msg_sec_check'));

  async function world(env: Record<string, string>) {
    const wechat = await startWechatStandIn();
    const t = await startTestApp(kind, { ...wechat.env, ...env });
    const qingshui = await county(t);
    const taoyuan = await township(t, qingshui);
    const dongshan = await village(t, taoyuan);
    const handler = await staffAccount(t, 'township_handler', taoyuan);
    return { wechat, t, dongshan, handler };
  }
  const signIn = async (t: TestApp, wechat: WechatStandIn, openid: string) =>
    (await t.call(contract.reporterAccount.wechatLogin, { body: { code: wechat.state.issueLoginCode(openid) } })).body.token;
  const file = async (t: TestApp, village: Region, token: string, overrides: Partial<ReportInput>) => {
    const answer = await t.request('POST', `${API_PREFIX}/reports`, reportBody(village, overrides), undefined, {
      [REPORTER_TOKEN_HEADER]: token,
    });
    expect(answer.status).toBe(201);
    return answer.body as ReportReceipt;
  };
  const caseOf = async (t: TestApp, handler: StaffFixture, reportNo: string) =>
    (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;

  describe('off (the default)', () => {
    let w: Awaited<ReturnType<typeof world>>;
    beforeAll(async () => {
      w = await world({});
    });
    afterAll(async () => {
      await w?.t.close();
      await w?.wechat.close();
    });

    it('sends no report text to WeChat', async () => {
      const token = await signIn(w.t, w.wechat, 'o-off');
      const { reportNo } = await file(w.t, w.dongshan, token, realName);
      await w.t.app.get(OutboxWorker).runOnce();
      expect(checksSent(w.wechat)).toEqual([]);
      expect((await caseOf(w.t, w.handler, reportNo)).textCheck).toBeNull();
    });
  });

  describe('on', () => {
    let w: Awaited<ReturnType<typeof world>>;
    beforeAll(async () => {
      w = await world({ WECHAT_TEXT_CHECK: 'on' });
      w.wechat.state.textVerdict = (content) =>
        content.includes('村支书') ? { suggest: 'review', label: 20001 } : { suggest: 'pass', label: 100 };
    });
    afterAll(async () => {
      await w?.t.close();
      await w?.wechat.close();
    });

    it('checks a signed-in WeChat user’s real-name report and shows the verdict to staff, without refusing it', async () => {
      const token = await signIn(w.t, w.wechat, 'o-zhang');
      const { reportNo } = await file(w.t, w.dongshan, token, realName);
      expect((await caseOf(w.t, w.handler, reportNo)).textCheck).toBeNull();
      await w.t.app.get(OutboxWorker).runOnce();
      const [sent, ...more] = checksSent(w.wechat);
      expect(more).toEqual([]);
      expect(sent!.body).toMatchObject({ version: 2, openid: 'o-zhang', content: CONTENT });
      const detail = await caseOf(w.t, w.handler, reportNo);
      expect(detail).toMatchObject({ status: 'submitted', textCheck: { suggest: 'review', label: 20001 } });
      // Checked once: a second round sends nothing.
      await w.t.app.get(OutboxWorker).runOnce();
      expect(checksSent(w.wechat)).toHaveLength(1);
    });

    it('never sends an anonymous report, even when a session came along, nor a report without a WeChat sign-in', async () => {
      const before = checksSent(w.wechat).length;
      const token = await signIn(w.t, w.wechat, 'o-anonymous');
      const anonymous = await file(w.t, w.dongshan, token, { content: CONTENT });
      const unsigned = (await w.t.call(contract.report.create, { body: reportBody(w.dongshan, realName) })).body;
      await w.t.app.get(OutboxWorker).runOnce();
      expect(checksSent(w.wechat)).toHaveLength(before);
      expect((await caseOf(w.t, w.handler, anonymous.reportNo)).textCheck).toBeNull();
      expect((await caseOf(w.t, w.handler, unsigned.reportNo)).textCheck).toBeNull();
    });
  });
});
