import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const VILLAGE = '341821102201';

describe.each(DATABASE_KINDS)('village pages on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the village page with its names, power list, disclosures and record', async () => {
    const res = await t.request('GET', `/api/v1/villages/${VILLAGE}`);
    expect(res.status).toBe(200);
    expect(res.body.village).toEqual({ code: VILLAGE, name: '东山村' });
    expect(res.body.township).toMatchObject({ code: '341821102', name: '桃源镇' });
    expect(res.body.township.hotline).toMatch(/\d/);
    expect(res.body.county).toEqual({ code: '341821', name: '青溪县' });
    const categories = res.body.powerList.map((g: { category: string }) => g.category);
    expect(categories).toEqual(expect.arrayContaining(['major_decision', 'finance', 'subsidy']));
    expect(res.body.powerList.flatMap((g: { items: unknown[] }) => g.items).length).toBeGreaterThanOrEqual(8);
    for (const kindOfDisclosure of ['party', 'village', 'finance']) {
      expect(res.body.disclosures[kindOfDisclosure].length).toBeGreaterThan(0);
      expect(res.body.disclosures[kindOfDisclosure].length).toBeLessThanOrEqual(5);
    }
    expect(res.body.record).toEqual({ received: 0, answered: 0, answeredOnTime: 0 });
  });

  it('lists newest disclosures first, filtered by kind', async () => {
    const res = await t.request('GET', `/api/v1/villages/${VILLAGE}/disclosures?kind=finance`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((d: { kind: string }) => d.kind === 'finance')).toBe(true);
    const dates = res.body.items.map((d: { publishedAt: string }) => d.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('answers a power item with a branching process chart', async () => {
    const page = await t.request('GET', `/api/v1/villages/${VILLAGE}`);
    const ids: number[] = page.body.powerList.flatMap((g: { items: { id: number }[] }) => g.items.map((i) => i.id));
    const items = await Promise.all(ids.map(async (id) => (await t.request('GET', `/api/v1/power-items/${id}`)).body));
    const fourDiscussions = items.find((i) => i.title.includes('四议两公开'));
    expect(fourDiscussions?.chart.nodes.map((n: { label: string }) => n.label)).toEqual(
      expect.arrayContaining(['村党组织提议', '村两委会议商议', '党员大会审议', '决议公开', '实施结果公开']),
    );
    const branching = items.filter((i) => {
      const outgoing = new Map<string, number>();
      for (const e of i.chart.edges) outgoing.set(e.from, (outgoing.get(e.from) ?? 0) + 1);
      return [...outgoing.values()].some((n) => n > 1);
    });
    expect(branching.length).toBeGreaterThanOrEqual(2);
    expect(items.some((i) => i.chart.nodes.some((n: { risks: string[] }) => n.risks.length > 0))).toBe(true);
  });

  it('answers a disclosure with its table, never showing full ID or phone numbers', async () => {
    const list = await t.request('GET', `/api/v1/villages/${VILLAGE}/disclosures`);
    const details = await Promise.all(list.body.items.map(async (d: { id: number }) => (await t.request('GET', `/api/v1/disclosures/${d.id}`)).body));
    const subsidy = details.find((d) => d.type === 'subsidy_list');
    expect(subsidy.table.columns).toEqual(expect.arrayContaining(['身份证号']));
    const cells: string[] = details.flatMap((d) => (d.table ? d.table.rows.flat() : []));
    expect(cells.some((c) => /^\d{4}\*{10}[\dX]{4}$/.test(c))).toBe(true);
    expect(cells.some((c) => /(?<!\d)\d{17}[\dXx](?!\d)/.test(c))).toBe(false);
    expect(cells.some((c) => /(?<!\d)1\d{10}(?!\d)/.test(c))).toBe(false);
    const monthly = details.find((d) => d.type === 'income_expense');
    expect(monthly.table.rows.length).toBeGreaterThan(3);
  });

  it('answers 404 VILLAGE_NOT_FOUND for an unknown village and names the field for a malformed code', async () => {
    const unknown = await t.request('GET', '/api/v1/villages/999999999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: 'VILLAGE_NOT_FOUND', message: expect.stringMatching(/村/) });
    const malformed = await t.request('GET', '/api/v1/villages/12ab');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    expect(malformed.body.details).toEqual([{ field: 'params.code', message: '村代码应为12位数字' }]);
  });

  it('answers 404 for unknown power items and disclosures, 400 for non-numeric ids', async () => {
    expect((await t.request('GET', '/api/v1/power-items/99999')).body.code).toBe('POWER_ITEM_NOT_FOUND');
    expect((await t.request('GET', '/api/v1/disclosures/99999')).body.code).toBe('DISCLOSURE_NOT_FOUND');
    const bad = await t.request('GET', '/api/v1/disclosures/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('params.id');
    const badKind = await t.request('GET', `/api/v1/villages/${VILLAGE}/disclosures?kind=secret`);
    expect(badKind.status).toBe(400);
    expect(badKind.body.details[0].field).toBe('query.kind');
  });

  it('reports health with the database kind', async () => {
    const res = await t.request('GET', '/api/v1/health');
    expect(res.body).toEqual({ status: 'ok', database: kind });
  });
});
