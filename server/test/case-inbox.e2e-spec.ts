import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { casework, chinaMorning, fileReport, type Region, type StaffFixture } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

type Action = RouteInput<typeof contract.case.act>['body'];

/** The inbox pages in SQL, most urgent first, and never leaves a case out. */
describe.each(DATABASE_KINDS)('case inbox on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  const filed: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ dongshan, handler, countyStaff } = await casework(t));
  });
  afterAll(async () => {
    await t?.close();
  });
  const on = (date: string) => t.clock.set(chinaMorning(date));
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const page = (offset: number, limit: number, overdue?: 'true') =>
    t.call(contract.case.list, { query: { offset, limit, ...(overdue ? { overdue } : {}) } }, handler);

  it('pages through every open case in urgency order, with the total', async () => {
    // Accusations (15 working days to accept) and petitions (15 calendar days) filed on different days.
    for (const [date, track] of [
      ['2026-09-01', 'petition'],
      ['2026-09-02', 'accusation'],
      ['2026-09-03', 'petition'],
      ['2026-09-08', 'accusation'],
      ['2026-09-09', 'petition'],
    ] as const) {
      on(date);
      filed.push((await fileReport(t, dongshan, { track })).reportNo);
    }
    on('2026-09-10');
    // An accepted accusation has no open staff clock (its feedback clock starts at conclusion): it sorts last.
    await act(handler, filed[1]!, { action: 'accept' });

    const first = await page(0, 2);
    expect(first.body.total).toBe(5);
    const second = await page(2, 2);
    const third = await page(4, 2);
    const all = [...first.body.items, ...second.body.items, ...third.body.items];
    expect(all).toHaveLength(5);
    expect(new Set(all.map((c) => c.reportNo))).toEqual(new Set(filed));
    const dues = all.map((c) => c.nextDue?.dueOn ?? null);
    // Petitions: 16 Sep, 18 Sep, 24 Sep; the accusation of 8 Sep: 15 working days across the holidays.
    expect(dues.slice(0, 3)).toEqual(['2026-09-16', '2026-09-18', '2026-09-24']);
    expect(dues[4]).toBeNull();
    expect(all.at(-1)?.reportNo).toBe(filed[1]);
    expect([...dues.slice(0, 4)].sort()).toEqual(dues.slice(0, 4));
  });

  it('lists only the overdue cases when asked, from the database', async () => {
    on('2026-09-17');
    const overdue = await page(0, 50, 'true');
    expect(overdue.body.total).toBe(1);
    expect(overdue.body.items.map((c) => c.nextDue?.dueOn)).toEqual(['2026-09-16']);
    expect(overdue.body.items[0]?.nextDue?.overdue).toBe(true);
  });

  it("puts on the county's 待办 what it may press: a township's case overdue today, or escalated", async () => {
    on('2026-09-17');
    const todo = async () => (await t.call(contract.case.list, { query: { todo: 'true', limit: 2 } }, countyStaff)).body;
    // Overdue since yesterday and never escalated; the others are on time and the township's own business.
    expect(await todo()).toMatchObject({ total: 1, items: [{ reportNo: filed[0], escalated: false }] });
    await t.app.get(DataSource).query('UPDATE reports SET escalated = 1 WHERE report_no = ?', [filed[2]]);
    const both = await todo();
    expect(both.total).toBe(2);
    expect(both.items.map((c) => c.reportNo)).toEqual([filed[0], filed[2]]);
    // Accepted, late: nothing is overdue on it now, and the county has no more to press.
    expect((await act(handler, filed[0]!, { action: 'accept' })).status).toBe(200);
    expect((await todo()).items.map((c) => c.reportNo)).toEqual([filed[2]]);
    // The township's own 待办 is what it works on, whatever the county's.
    expect((await t.call(contract.case.list, { query: { todo: 'true' } }, handler)).body.total).toBe(5);
  });

  it('refuses a page larger than 200 in the shared error shape', async () => {
    const tooBig = await page(0, 201);
    expect(tooBig.status).toBe(400);
    expect(tooBig.error.code).toBe('VALIDATION_FAILED');
  });
});
