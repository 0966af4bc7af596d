import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxWorker } from '../src/modules/notification/outbox-worker.js';
import { chinaMorning, county, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { type SmsStandIn, startSmsStandIn } from './stand-ins/sms-stand-in.js';

type Action = RouteInput<typeof contract.case.act>['body'];

const REPORTER = { name: '李秀英', phone: '13912345678' };
const ACCEPTED_NOTICE = [{ channel: 'sms', phrase: '已受理', sentOn: '2026-11-02' }];

/**
 * The limited view of a case (a township that sent it up to the county, or handed it to another
 * township): what the reporter was told and when is not in it; the full view keeps it. (A case is
 * handed to another township only before it is accepted, when nothing has been sent to the reporter yet.)
 */
describe.each(DATABASE_KINDS)('the limited case view on %s', (kind) => {
  let t: TestApp;
  let sms: SmsStandIn;
  let dongshan: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;

  beforeAll(async () => {
    sms = await startSmsStandIn();
    t = await startTestApp(kind, sms.env);
    const qingshui = await county(t);
    const taoyuan = await township(t, qingshui, { name: '桃源镇' });
    dongshan = await village(t, taoyuan, { name: '东山村' });
    handler = await staffAccount(t, 'township_handler', taoyuan);
    countyStaff = await staffAccount(t, 'county_supervisor', qingshui);
    t.clock.set(chinaMorning('2026-11-02'));
  });
  afterAll(async () => {
    await t?.close();
    await sms?.close();
  });

  const act = async (reportNo: string, body: Action, as: StaffFixture = handler) => {
    const answer = await t.call(contract.case.act, { params: { reportNo }, body }, as);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const seenBy = async (reportNo: string, as: StaffFixture) => (await t.call(contract.case.get, { params: { reportNo } }, as)).body;

  /** A real-name report, accepted by its township, the reporter told so by SMS. */
  async function acceptedAndTold(): Promise<string> {
    const { reportNo } = await fileReport(t, dongshan, { mode: 'real_name', reporter: REPORTER });
    await act(reportNo, { action: 'accept' });
    expect(await t.app.get(OutboxWorker).runOnce()).toMatchObject({ sent: 1 });
    expect((await seenBy(reportNo, handler)).reporterNotices).toEqual(ACCEPTED_NOTICE);
    return reportNo;
  }

  it('leaves them out for a township once the case went up to the county; the county reads them', async () => {
    const reportNo = await acceptedAndTold();
    const sent = await act(reportNo, { action: 'transfer_up', reason: '涉及镇干部，应由县纪委办理' });
    expect(sent.level).toBe('county');
    expect(sent.reporterNotices).toEqual([]);
    const limited = await seenBy(reportNo, handler);
    expect([limited.actions, limited.reporterNotices]).toEqual([[], []]);
    // The limited view still shows the public timeline the reporter reads.
    expect(limited.timeline.length).toBeGreaterThan(0);
    expect((await seenBy(reportNo, countyStaff)).reporterNotices).toEqual(ACCEPTED_NOTICE);
  });
});
