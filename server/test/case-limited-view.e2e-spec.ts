import { API_PREFIX, REPORTER_TOKEN_HEADER, contract, type ReportReceipt, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxWorker } from '../src/modules/notification/outbox-worker.js';
import { ReporterSessions } from '../src/modules/reporter/reporter-sessions.js';
import {
  casework,
  chinaMorning,
  fileReport,
  type Region,
  reportBody,
  type StaffFixture,
  staffAccount,
  township,
} from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { type SmsStandIn, startSmsStandIn } from './stand-ins/sms-stand-in.js';

type Action = RouteInput<typeof contract.case.act>['body'];

const REPORTER = { name: '李秀英', phone: '13912345678' };
const ACCEPTED_NOTICE = [{ channel: 'sms', phrase: '已受理', sentOn: '2026-11-02' }];

/**
 * The limited view of a case (a township that sent it up to the county, or handed it to another
 * township): what the reporter was told and when, and how the reporter's phone was verified, are not in it; the full view keeps them. (A case is
 * handed to another township only before it is accepted, when nothing has been sent to the reporter yet.)
 */
describe.each(DATABASE_KINDS)('the limited case view on %s', (kind) => {
  let t: TestApp;
  let sms: SmsStandIn;
  let dongshan: Region;
  let shimen: Region;
  let handler: StaffFixture;
  let shimenHandler: StaffFixture;
  let countyStaff: StaffFixture;

  beforeAll(async () => {
    sms = await startSmsStandIn();
    t = await startTestApp(kind, sms.env);
    const world = await casework(t);
    ({ dongshan, handler, countyStaff } = world);
    shimen = await township(t, world.qingshui, { name: '石门乡' });
    shimenHandler = await staffAccount(t, 'township_handler', shimen);
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

  /** A real-name report filed from a phone session (the reporter proved the phone by SMS), as the H5 page files it. */
  async function filedWithVerifiedPhone(): Promise<string> {
    const { token } = await t.app.get(ReporterSessions).openForPhone(REPORTER.phone);
    const body = reportBody(dongshan, { mode: 'real_name', reporter: REPORTER });
    const filed = await t.request('POST', `${API_PREFIX}${contract.report.create.path}`, body, undefined, {
      [REPORTER_TOKEN_HEADER]: token,
    });
    expect(filed.status).toBe(201);
    return (filed.body as ReportReceipt).reportNo;
  }

  it('does not tell a township that sent the case up how the reporter’s phone was verified; the county reads it', async () => {
    const reportNo = await filedWithVerifiedPhone();
    expect((await seenBy(reportNo, handler)).reporterPhoneVerified).toBe('sms');
    await act(reportNo, { action: 'accept' });
    await act(reportNo, { action: 'transfer_up', reason: '涉及镇干部，应由县纪委办理' });
    expect((await seenBy(reportNo, handler)).reporterPhoneVerified).toBeNull();
    expect((await seenBy(reportNo, countyStaff)).reporterPhoneVerified).toBe('sms');
  });

  it('nor, in its last answer, a township that handed the case to another; the township that handles it now reads it', async () => {
    const reportNo = await filedWithVerifiedPhone();
    const moved = await act(reportNo, { action: 'transfer_township', townshipCode: shimen.code, reason: '该事项属石门乡管辖' });
    // The answer to the transfer is the sender's last, limited view; after it the case is not the sender's to open.
    expect(moved.reporterPhoneVerified).toBeNull();
    expect((await t.call(contract.case.get, { params: { reportNo } }, handler)).error.code).toBe('CASE_NOT_FOUND');
    expect((await seenBy(reportNo, shimenHandler)).reporterPhoneVerified).toBe('sms');
  });
});
