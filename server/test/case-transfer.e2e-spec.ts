import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chinaMorning, county, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

type Action = RouteInput<typeof contract.case.act>['body'];

/** A case transferred to another township moves there; the sender keeps one read-only line. */
describe.each(DATABASE_KINDS)('transfer to another township on %s', (kind) => {
  let t: TestApp;
  let taoyuan: Region;
  let shimen: Region;
  let dongshan: Region;
  let elsewhere: Region;
  let sender: StaffFixture;
  let receiver: StaffFixture;
  let countyStaff: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingshui = await county(t);
    taoyuan = await township(t, qingshui);
    shimen = await township(t, qingshui);
    dongshan = await village(t, taoyuan);
    await village(t, shimen);
    elsewhere = await township(t, await county(t));
    sender = await staffAccount(t, 'township_handler', taoyuan);
    receiver = await staffAccount(t, 'township_handler', shimen);
    countyStaff = await staffAccount(t, 'county_supervisor', qingshui);
  });
  afterAll(async () => {
    await t?.close();
  });
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const inbox = async (as: Caller) => (await t.call(contract.case.list, {}, as)).body;

  it('offers the other townships of the county as places to transfer to, never its own or another county', async () => {
    const offered = (await t.call(contract.case.townships, {}, sender)).body.items;
    expect(offered).toEqual([{ code: shimen.code, name: shimen.name }]);
    const forCounty = (await t.call(contract.case.townships, {}, countyStaff)).body.items.map((i) => i.code);
    expect(forCounty).toEqual([taoyuan.code, shimen.code].sort());
  });

  it("moves the case to the receiving township's inbox on its transfer-in clock", async () => {
    t.clock.set(chinaMorning('2026-10-12'));
    const { reportNo, queryCode } = await fileReport(t, dongshan);
    await act(sender, reportNo, { action: 'note', text: '村书记的亲属，需回避' });
    const reason = '被反映人是石门镇干部，应由石门镇办理';
    expect((await act(sender, reportNo, { action: 'transfer_township', townshipCode: taoyuan.code, reason })).error.code).toBe(
      'TOWNSHIP_INVALID',
    );
    expect((await act(sender, reportNo, { action: 'transfer_township', townshipCode: elsewhere.code, reason })).error.code).toBe(
      'TOWNSHIP_INVALID',
    );
    const moved = await act(sender, reportNo, { action: 'transfer_township', townshipCode: shimen.code, reason });
    // The answer is the sender's last sight of it, with nothing left to do and no internal notes.
    expect(moved.body).toMatchObject({ status: 'submitted', actions: [] });
    expect(moved.body.timeline.every((e) => e.internalText === null)).toBe(true);

    expect((await inbox(sender)).items.map((c) => c.reportNo)).not.toContain(reportNo);
    expect((await t.call(contract.case.get, { params: { reportNo } }, sender)).error.code).toBe('CASE_NOT_FOUND');
    const lines = (await t.call(contract.case.transfersOut, {}, sender)).body.items;
    expect(lines).toEqual([{ reportNo, toTownshipName: shimen.name, at: '2026-10-12T02:00:00.000Z' }]);

    const received = await t.call(contract.case.get, { params: { reportNo } }, receiver);
    expect(received.body.status).toBe('submitted');
    // 5 working days from the transfer, and the duty to tell the reporter passed on, still open.
    expect(received.body.deadlines.filter((d) => !d.metAt).map((d) => [d.kind, d.dueOn])).toEqual([
      ['acceptance', '2026-11-02'],
      ['transferred_in', '2026-10-19'],
    ]);
    expect((await inbox(receiver)).items.map((c) => [c.reportNo, c.nextDue?.kind])).toEqual([[reportNo, 'transferred_in']]);
    expect((await t.call(contract.case.transfersOut, {}, receiver)).body.items).toEqual([]);

    const view = (await t.call(contract.report.lookup, { body: { queryCode } })).body;
    expect(view.timeline.at(-1)?.text).toBe(`您反映的问题已转交${shimen.name}纪委办理`);
    expect(view.dueDates.map((d) => d.kind)).toEqual(['acceptance']);
  });

  it('counts the case for the receiver, and the transfer not as the sender’s acceptance', async () => {
    const reportNo = (await inbox(receiver)).items[0]?.reportNo;
    t.clock.set(chinaMorning('2026-10-14'));
    await act(receiver, reportNo!, { action: 'accept' });
    await act(receiver, reportNo!, { action: 'note', text: '石门镇内部备注' });
    expect((await t.call(contract.case.get, { params: { reportNo: reportNo! } }, sender)).error.code).toBe('CASE_NOT_FOUND');
    const stats = (await t.call(contract.case.stats, {}, countyStaff)).body.townships;
    expect(stats.find((s) => s.code === taoyuan.code)).toMatchObject({ received: 0, acceptedOnTime: 0 });
    expect(stats.find((s) => s.code === shimen.code)).toMatchObject({ received: 1, acceptedOnTime: 1 });
    // The county still sees the whole case.
    expect((await t.call(contract.case.get, { params: { reportNo: reportNo! } }, countyStaff)).body.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['transfer_township', 'accept', 'note']),
    );
  });

  it('answers a transfer sent with an idempotency key, and its retry, with the same last sight', async () => {
    t.clock.set(chinaMorning('2026-10-20'));
    const { reportNo } = await fileReport(t, dongshan);
    const body: Action = {
      action: 'transfer_township',
      townshipCode: shimen.code,
      reason: '应由石门镇办理的事项',
      idempotencyKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    };
    const first = await act(sender, reportNo, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reportNo, status: 'submitted', actions: [], assignee: null });
    expect(first.body.timeline.every((e) => e.internalText === null)).toBe(true);
    const retry = await act(sender, reportNo, body);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    // Moved once: one line kept by the sender, the case in the receiver's inbox.
    expect((await t.call(contract.case.transfersOut, {}, sender)).body.items.filter((l) => l.reportNo === reportNo)).toHaveLength(1);
    expect((await inbox(receiver)).items.map((c) => c.reportNo)).toContain(reportNo);
    expect((await t.call(contract.case.get, { params: { reportNo } }, sender)).error.code).toBe('CASE_NOT_FOUND');
    // The same key on another case the sender cannot see answers as not found, not as a reused key.
    const other = await fileReport(t, dongshan);
    await act(sender, other.reportNo, { action: 'transfer_township', townshipCode: shimen.code, reason: '应由石门镇办理的事项' });
    expect((await act(sender, other.reportNo, body)).error.code).toBe('CASE_NOT_FOUND');
  });
});
