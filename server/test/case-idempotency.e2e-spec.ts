import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chinaMorning, county, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

type Action = RouteInput<typeof contract.case.act>['body'];

/** A retry after a lost answer does nothing twice, for staff and for the reporter alike. */
describe.each(DATABASE_KINDS)('case action idempotency on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let handler: StaffFixture;
  let otherHandler: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const taoyuan = await township(t, await county(t));
    dongshan = await village(t, taoyuan);
    handler = await staffAccount(t, 'township_handler', taoyuan);
    otherHandler = await staffAccount(t, 'township_handler', taoyuan);
    t.clock.set(chinaMorning('2026-10-12'));
  });
  afterAll(async () => {
    await t?.close();
  });
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const timelineOf = async (reportNo: string) => (await t.call(contract.case.get, { params: { reportNo } }, handler)).body.timeline;
  const key = (n: number) => `action-key-${String(n).padStart(8, '0')}`;

  it('answers a retried staff action as the first time, without doing it again', async () => {
    const { reportNo } = await fileReport(t, dongshan);
    const first = await act(handler, reportNo, { action: 'accept', idempotencyKey: key(1) });
    const retry = await act(handler, reportNo, { action: 'accept', idempotencyKey: key(1) });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect((await timelineOf(reportNo)).filter((e) => e.type === 'accept')).toHaveLength(1);
    // Without a key the second accept is refused as the state no longer allows it.
    expect((await act(handler, reportNo, { action: 'accept' })).error.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('refuses the same key for other content', async () => {
    const { reportNo } = await fileReport(t, dongshan);
    await act(handler, reportNo, { action: 'note', text: '第一条备注', idempotencyKey: key(2) });
    const reused = await act(handler, reportNo, { action: 'note', text: '另一条备注', idempotencyKey: key(2) });
    expect(reused).toMatchObject({ status: 409, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const elsewhere = await fileReport(t, dongshan);
    expect((await act(handler, elsewhere.reportNo, { action: 'note', text: '第一条备注', idempotencyKey: key(2) })).error.code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    // Another account's keys are its own.
    expect((await act(otherHandler, reportNo, { action: 'note', text: '另一条备注', idempotencyKey: key(2) })).status).toBe(200);
  });

  it('does a step once when two copies arrive together', async () => {
    const { reportNo } = await fileReport(t, dongshan);
    const copies = await Promise.all(
      Array.from({ length: 3 }, () =>
        act(handler, reportNo, { action: 'decline', reason: '不属于纪检监察机关受理范围', idempotencyKey: key(3) }),
      ),
    );
    expect(copies.map((c) => c.status)).toEqual([200, 200, 200]);
    expect(copies.map((c) => c.body.status)).toEqual(['declined', 'declined', 'declined']);
    expect((await timelineOf(reportNo)).filter((e) => e.type === 'decline')).toHaveLength(1);
  });

  it("keeps the reporter's added material, rating and review request to one each per key", async () => {
    const { reportNo, queryCode } = await fileReport(t, dongshan, { track: 'petition' });
    const addInfo = () =>
      t.call(contract.reporter.addInfo, { body: { queryCode, text: '补充：路灯坏了三个月了', idempotencyKey: key(4) } });
    expect((await addInfo()).status).toBe(200);
    expect((await addInfo()).status).toBe(200);
    expect((await timelineOf(reportNo)).filter((e) => e.type === 'add_info')).toHaveLength(1);

    await act(handler, reportNo, { action: 'accept' });
    await act(handler, reportNo, { action: 'reply', text: '已安排电工本周内修复路灯。' });
    const rate = (rating: 'unsatisfied' | 'satisfied') =>
      t.call(contract.reporter.rate, { body: { queryCode, rating, idempotencyKey: key(5) } });
    const [one, two] = await Promise.all([rate('unsatisfied'), rate('unsatisfied')]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(two.body.rating).toBe('unsatisfied');
    expect((await rate('satisfied')).error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const review = () => t.call(contract.reporter.requestReview, { body: { queryCode, reason: '路灯还是不亮', idempotencyKey: key(6) } });
    expect((await review()).body.status).toBe('under_review');
    expect((await review()).body.status).toBe('under_review');
    expect((await timelineOf(reportNo)).filter((e) => e.type === 'request_review')).toHaveLength(1);
  });
});
