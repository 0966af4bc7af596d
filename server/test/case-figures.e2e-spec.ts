import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { casework, chinaMorning, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

type Action = RouteInput<typeof contract.case.act>['body'];

/** The county's figures over a date range of receipt, each rate with the count it is of. */
describe.each(DATABASE_KINDS)('county figures on %s', (kind) => {
  let t: TestApp;
  let taoyuan: Region;
  let shimen: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  const on = (date: string) => t.clock.set(chinaMorning(date));
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const figures = async (query: { from?: string; to?: string } = {}) => {
    const answer = await t.call(contract.case.stats, { query }, countyStaff);
    expect(answer.status).toBe(200);
    return { ...answer.body, taoyuan: answer.body.townships.find((r) => r.code === taoyuan.code)! };
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const world = await casework(t);
    ({ taoyuan, handler, countyStaff } = world);
    const { dongshan } = world;
    shimen = await township(t, world.qingshui);
    // Received 2 March, answered two days later, rated 非常满意.
    on('2026-03-02');
    const march = await fileReport(t, dongshan);
    await act(handler, march.reportNo, { action: 'accept' });
    on('2026-03-04');
    await act(handler, march.reportNo, { action: 'reply', text: '已核实并责令村委会重新公示补贴名单。' });
    await t.call(contract.reporter.rate, { body: { queryCode: march.queryCode, rating: 'very_satisfied' } });
    // Received 1 April, answered the next day, rated 不满意.
    on('2026-04-01');
    const april = await fileReport(t, dongshan);
    await act(handler, april.reportNo, { action: 'accept' });
    on('2026-04-02');
    await act(handler, april.reportNo, { action: 'reply', text: '经核查，反映的问题部分属实，已处理。' });
    await t.call(contract.reporter.rate, { body: { queryCode: april.queryCode, rating: 'unsatisfied' } });
    // Received 10 April and never accepted: overdue by June.
    on('2026-04-10');
    await fileReport(t, dongshan);
    on('2026-06-01');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives every rate with its count, over all reports when no range is asked', async () => {
    const all = await figures();
    expect(all.taoyuan).toMatchObject({
      received: 3,
      acceptanceDecided: 2,
      acceptedOnTime: 2,
      answered: 2,
      answeredOnTime: 2,
      rated: 2,
      satisfied: 1,
      satisfaction: 0.5,
      ratingsByReporter: 2,
      overdueNow: 1,
      medianDaysToAnswer: 1.5,
    });
    expect(all.townships.find((r) => r.code === shimen.code)).toMatchObject({ received: 0, rated: 0, satisfaction: null });
    expect(all.overdueTotal).toBe(1);
    expect(all.overdue).toHaveLength(1);
  });

  it('counts only the reports received in the range, both ends inclusive', async () => {
    const april = await figures({ from: '2026-04-01', to: '2026-04-30' });
    expect(april.taoyuan).toMatchObject({
      received: 2,
      answered: 1,
      rated: 1,
      satisfied: 0,
      satisfaction: 0,
      overdueNow: 1,
      medianDaysToAnswer: 1,
    });
    expect(april.overdueTotal).toBe(1);
    const march = await figures({ to: '2026-03-31' });
    expect(march.taoyuan).toMatchObject({ received: 1, rated: 1, satisfaction: 1, overdueNow: 0, medianDaysToAnswer: 2 });
    expect(march.overdue).toEqual([]);
    expect((await figures({ from: '2026-04-02', to: '2026-04-02' })).taoyuan).toMatchObject({ received: 0, satisfaction: null });
  });

  it('counts an acceptance decided after its last day as decided but not on time, and a 不予受理 in time as on time', async () => {
    const xishan = await village(t, shimen);
    const shimenHandler = await staffAccount(t, 'township_handler', shimen);
    on('2026-07-01');
    const late = await fileReport(t, xishan);
    const declined = await fileReport(t, xishan);
    await act(shimenHandler, declined.reportNo, { action: 'decline', reason: '不属于纪检监察机关受理范围' });
    on('2026-08-20');
    await act(shimenHandler, late.reportNo, { action: 'accept' });
    const july = await figures({ from: '2026-07-01', to: '2026-07-31' });
    expect(july.townships.find((r) => r.code === shimen.code)).toMatchObject({ received: 2, acceptanceDecided: 2, acceptedOnTime: 1 });
    expect(july.taoyuan).toMatchObject({ received: 0, acceptanceDecided: 0, acceptedOnTime: 0 });
  });

  it('refuses a range that ends before it starts, or a date that is not one', async () => {
    const backwards = await t.call(contract.case.stats, { query: { from: '2026-05-01', to: '2026-04-01' } }, countyStaff);
    expect(backwards.status).toBe(400);
    expect(backwards.error.code).toBe('VALIDATION_FAILED');
    const garbled = await t.call(contract.case.stats, { query: { from: '2026-13-40' } }, countyStaff);
    expect(garbled.error.code).toBe('VALIDATION_FAILED');
    // A year the databases would store differently, or not at all, is refused before any query.
    for (const from of ['0000-01-01', '9999-12-31']) {
      const far = await t.call(contract.case.stats, { query: { from } }, countyStaff);
      expect([far.status, far.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
});
