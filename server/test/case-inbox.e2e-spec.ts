import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chinaMorning, county, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

type Action = RouteInput<typeof contract.case.act>['body'];

/** The inbox pages in SQL, most urgent first, and never leaves a case out. */
describe.each(DATABASE_KINDS)('case inbox on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let handler: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const taoyuan = await township(t, await county(t));
    dongshan = await village(t, taoyuan);
    handler = await staffAccount(t, 'township_handler', taoyuan);
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
    const filed: string[] = [];
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

  it('refuses a page larger than 200 in the shared error shape', async () => {
    const tooBig = await page(0, 201);
    expect(tooBig.status).toBe(400);
    expect(tooBig.error.code).toBe('VALIDATION_FAILED');
  });
});
