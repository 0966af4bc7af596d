import { contract, type DisclosureTable, type ProcessChart } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { county, disclosure, powerItem, type Region, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** 四议两公开, as a county's template describes it: a line with a risk at each step. */
const FOUR_DISCUSSIONS: ProcessChart = {
  nodes: ['村党组织提议', '村两委会议商议', '党员大会审议', '村民（代表）会议决议', '决议公开', '实施结果公开'].map((label, i) => ({
    id: `n${i + 1}`,
    label,
    risks: i === 0 ? ['个人说了算，未经集体研究提出动议'] : [],
  })),
  edges: [1, 2, 3, 4, 5].map((i) => ({ from: `n${i}`, to: `n${i + 1}` })),
};

/** A review that can send the application back: 审核不通过 → 退回. */
const WITH_RETURN: ProcessChart = {
  nodes: [
    { id: 'apply', label: '农户申请', risks: [] },
    { id: 'check', label: '村委会审核', risks: ['优亲厚友'] },
    { id: 'back', label: '退回申请人', risks: [] },
    { id: 'publish', label: '公示', risks: [] },
  ],
  edges: [
    { from: 'apply', to: 'check' },
    { from: 'check', to: 'back', label: '审核不通过' },
    { from: 'check', to: 'publish', label: '审核通过' },
  ],
};

/** A subsidy list as a publisher might paste it: full ID-card and phone numbers. */
const SUBSIDY_TABLE: DisclosureTable = {
  columns: ['姓名', '身份证号', '联系电话', '金额（元）'],
  rows: [
    ['张大山', '430121196503124517', '13812345678', '1,280.00'],
    ['李秀英', '43012119720805302X', '13987654321', '960.00'],
  ],
};

const MONTHLY_TABLE: DisclosureTable = {
  columns: ['日期', '摘要', '收入（元）', '支出（元）'],
  rows: [
    ['2026-09-08', '收到镇财政拨付村级组织运转经费', '45,000.00', ''],
    ['2026-09-09', '支付村干部基本报酬', '', '18,600.00'],
    ['2026-09-15', '支付村部电费', '', '386.50'],
    ['2026-09-30', '银行存款利息', '52.36', ''],
  ],
};

describe.each(DATABASE_KINDS)('village pages on %s', (kind) => {
  let t: TestApp;
  let qingshui: Region;
  let taoyuan: Region;
  let dongshan: Region;
  /** Finance disclosures, oldest first. */
  const finance: number[] = [];
  let subsidyId: number;
  let monthlyId: number;
  beforeAll(async () => {
    t = await startTestApp(kind);
    qingshui = await county(t, { name: '清水县' });
    taoyuan = await township(t, qingshui, { name: '桃源镇', hotline: '0731-8021234' });
    dongshan = await village(t, taoyuan, { name: '东山村' });
    await powerItem(t, dongshan, { category: 'major_decision', title: '村级重大事项决策（“四议两公开”）', chart: FOUR_DISCUSSIONS });
    await powerItem(t, dongshan, { category: 'subsidy', title: '惠农补贴申报', chart: WITH_RETURN });
    await powerItem(t, dongshan, { category: 'finance', title: '村级财务报销', chart: WITH_RETURN });
    await powerItem(t, dongshan, { category: 'finance', title: '村级资金支付' });
    // Six finance disclosures, published out of order: the page shows the newest five.
    for (const day of ['03', '01', '06', '02', '05', '04']) {
      finance.push(
        await disclosure(t, dongshan, {
          kind: 'finance',
          type: 'income_expense',
          title: `9月${day}日收支`,
          publishedAt: new Date(`2026-09-${day}T01:00:00Z`),
        }),
      );
    }
    monthlyId = await disclosure(t, dongshan, {
      kind: 'finance',
      type: 'income_expense',
      title: '2026年9月财务收支明细',
      table: MONTHLY_TABLE,
      publishedAt: new Date('2026-10-08T01:00:00Z'),
    });
    subsidyId = await disclosure(t, dongshan, {
      kind: 'village',
      type: 'subsidy_list',
      title: '耕地地力保护补贴发放名单',
      table: SUBSIDY_TABLE,
    });
    await disclosure(t, dongshan, { kind: 'party', type: 'party_work', title: '第三季度党费收缴情况' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the village page with its names, power list, disclosures and record', async () => {
    const res = await t.call(contract.village.page, { params: { code: dongshan.code } });
    expect(res.status).toBe(200);
    const page = res.body;
    expect(page.village).toEqual({ code: dongshan.code, name: '东山村' });
    expect(page.township).toEqual({ code: taoyuan.code, name: '桃源镇', hotline: '0731-8021234' });
    expect(page.county).toEqual({ code: qingshui.code, name: '清水县' });
    // Grouped by category, in the order of the list, every item once.
    expect(page.powerList.map((g) => g.category)).toEqual(['major_decision', 'finance', 'subsidy']);
    expect(page.powerList.flatMap((g) => g.items)).toHaveLength(4);
    expect(page.disclosures.finance).toHaveLength(5);
    expect(page.disclosures.finance[0]?.title).toBe('2026年9月财务收支明细');
    expect(page.disclosures.finance.map((d) => d.title)).not.toContain('9月01日收支');
    expect(page.disclosures.village.map((d) => d.id)).toEqual([subsidyId]);
    expect(page.disclosures.party).toHaveLength(1);
    expect(page.record).toEqual({ asOf: '2026-09-29', received: 0, answered: 0, answeredOnTime: 0 });
  });

  it('lists newest disclosures first, filtered by kind', async () => {
    const res = await t.call(contract.village.disclosures, { params: { code: dongshan.code }, query: { kind: 'finance' } });
    expect(res.status).toBe(200);
    const items = res.body.items;
    expect(items.map((d) => d.id).sort()).toEqual([...finance, monthlyId].sort());
    expect(items.every((d) => d.kind === 'finance')).toBe(true);
    const dates = items.map((d) => d.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('answers a power item with a branching process chart', async () => {
    const page = (await t.call(contract.village.page, { params: { code: dongshan.code } })).body;
    const ids = page.powerList.flatMap((g) => g.items.map((i) => i.id));
    const items = await Promise.all(ids.map(async (id) => (await t.call(contract.village.powerItem, { params: { id } })).body));
    const fourDiscussions = items.find((i) => i.title.includes('四议两公开'));
    expect(fourDiscussions?.chart.nodes.map((n) => n.label)).toEqual(
      expect.arrayContaining(['村党组织提议', '村两委会议商议', '党员大会审议', '决议公开', '实施结果公开']),
    );
    const branching = items.filter((i) => {
      const outgoing = new Map<string, number>();
      for (const e of i.chart.edges) outgoing.set(e.from, (outgoing.get(e.from) ?? 0) + 1);
      return [...outgoing.values()].some((n) => n > 1);
    });
    expect(branching.map((i) => i.title).sort()).toEqual(['惠农补贴申报', '村级财务报销'].sort());
    expect(branching[0]?.chart.edges.find((e) => e.to === 'back')?.label).toBe('审核不通过');
    expect(items.some((i) => i.chart.nodes.some((n) => n.risks.length > 0))).toBe(true);
  });

  it('answers a disclosure with its table, never showing full ID or phone numbers', async () => {
    const list = (await t.call(contract.village.disclosures, { params: { code: dongshan.code } })).body;
    const details = await Promise.all(
      list.items.map(async (d) => (await t.call(contract.village.disclosure, { params: { id: d.id } })).body),
    );
    const subsidy = details.find((d) => d.type === 'subsidy_list');
    expect(subsidy?.table?.columns).toEqual(expect.arrayContaining(['身份证号']));
    expect(subsidy?.table?.rows).toEqual([
      ['张大山', '4301**********4517', '138****5678', '1,280.00'],
      ['李秀英', '4301**********302X', '139****4321', '960.00'],
    ]);
    const cells = details.flatMap((d) => (d.table ? d.table.rows.flat() : []));
    expect(cells.some((c) => /^\d{4}\*{10}[\dX]{4}$/.test(c))).toBe(true);
    expect(cells.some((c) => /(?<!\d)\d{17}[\dXx](?!\d)/.test(c))).toBe(false);
    expect(cells.some((c) => /(?<!\d)1\d{10}(?!\d)/.test(c))).toBe(false);
    const monthly = details.find((d) => d.id === monthlyId);
    expect(monthly?.table).toEqual(MONTHLY_TABLE);
  });

  it('answers 404 VILLAGE_NOT_FOUND for an unknown village and names the field for a malformed code', async () => {
    const unknown = await t.call(contract.village.page, { params: { code: '999999999999' } });
    expect(unknown.status).toBe(404);
    expect(unknown.error).toEqual({ code: 'VILLAGE_NOT_FOUND', message: expect.stringMatching(/村/) });
    const malformed = await t.request('GET', '/api/v1/villages/12ab');
    expect(malformed.status).toBe(400);
    expect(malformed.error.code).toBe('VALIDATION_FAILED');
    expect(malformed.error.details).toEqual([{ field: 'params.code', message: '村代码应为12位数字' }]);
  });

  it('answers 404 for unknown power items and disclosures, 400 for non-numeric ids', async () => {
    expect((await t.call(contract.village.powerItem, { params: { id: 99999 } })).error.code).toBe('POWER_ITEM_NOT_FOUND');
    expect((await t.call(contract.village.disclosure, { params: { id: 99999 } })).error.code).toBe('DISCLOSURE_NOT_FOUND');
    const bad = await t.request('GET', '/api/v1/disclosures/abc');
    expect(bad.status).toBe(400);
    expect(bad.error.details?.[0]?.field).toBe('params.id');
    const badKind = await t.request('GET', `/api/v1/villages/${dongshan.code}/disclosures?kind=secret`);
    expect(badKind.status).toBe(400);
    expect(badKind.error.details?.[0]?.field).toBe('query.kind');
  });

  it('reports health with the database kind', async () => {
    const res = await t.call(contract.system.health, {});
    expect(res.body).toEqual({ status: 'ok', database: kind });
  });
});
