import { contract, type DisclosureDraft, type RedFlag } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Region, type StaffFixture, county, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const p = contract.publishing;
const r = contract.redFlag;

// Made-up ID numbers with correct check characters.
const WANG = '341821199003074538';
const ZHAO = '11010519491231002X';
const LI = '341821196502031213';
const SUN = '341821197001011235';
const COLUMNS = ['姓名', '身份证号', '补贴项目', '补贴金额（元）'];

function subsidyList(rows: string[][], title = '2026年第三季度耕地地力保护补贴名单', period = '2026-Q3'): DisclosureDraft {
  return { kind: 'finance', type: 'subsidy_list', title, period, body: '', table: { columns: COLUMNS, rows } };
}

describe.each(DATABASE_KINDS)('大数据比对 of recipient lists on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let xihe: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  let otherHandler: StaffFixture;
  const villageStaff = new Map<string, { publisher: StaffFixture; supervisor: StaffFixture }>();

  async function publish(where: Region, draft: DisclosureDraft): Promise<number> {
    const { publisher, supervisor } = villageStaff.get(where.code)!;
    const { id } = (await t.call(p.create, { body: draft }, publisher)).body;
    await t.call(p.submit, { params: { id } }, publisher);
    expect((await t.call(p.cosign, { params: { id } }, supervisor)).ok).toBe(true);
    return id;
  }

  async function flagsOf(disclosureId: number): Promise<RedFlag[]> {
    return (await t.call(r.list, { query: {} }, handler)).body.items.filter((f) => f.disclosureId === disclosureId);
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingxi = await county(t);
    const taoyuan = await township(t, qingxi);
    const shimen = await township(t, qingxi);
    dongshan = await village(t, taoyuan, { name: '东山村' });
    xihe = await village(t, taoyuan, { name: '西河村' });
    for (const v of [dongshan, xihe]) {
      villageStaff.set(v.code, {
        publisher: await staffAccount(t, 'village_publisher', v),
        supervisor: await staffAccount(t, 'village_supervisor', v),
      });
    }
    handler = await staffAccount(t, 'township_handler', taoyuan);
    otherHandler = await staffAccount(t, 'township_handler', shimen);
    countyStaff = await staffAccount(t, 'county_supervisor', qingxi);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('raises nothing on a clean list', async () => {
    const id = await publish(
      dongshan,
      subsidyList(
        [
          ['王大山', WANG, '耕地地力保护补贴', '1200.00'],
          ['赵春花', ZHAO, '耕地地力保护补贴', '800.00'],
        ],
        '2026年第二季度补贴名单',
        '2026-Q2',
      ),
    );
    expect(await flagsOf(id)).toEqual([]);
  });

  it('flags the same person twice in one list, with the evidence', async () => {
    const id = await publish(
      dongshan,
      subsidyList(
        [
          ['王大山', WANG, '耕地地力保护补贴', '1200.00'],
          ['王大山', WANG, '耕地地力保护补贴', '1200.00'],
        ],
        '2026年第三季度补贴名单（一）',
      ),
    );
    const flags = await flagsOf(id);
    expect(flags.map((f) => [f.kind, f.row, f.evidence])).toEqual([['duplicate_in_list', 1, '同一身份证号在本名单第1行已经出现']]);
    expect(flags[0]?.line).toEqual(['王大山', '3418**********4538', '耕地地力保护补贴', '1200.00']);
    expect(JSON.stringify(flags)).not.toContain(WANG);
  });

  it('flags a person on two villages’ lists of the same period', async () => {
    const id = await publish(xihe, subsidyList([['王大山', WANG, '耕地地力保护补贴', '600.00']], '2026年第三季度西河村补贴名单'));
    const flags = await flagsOf(id);
    // Both lines of 东山村's list of the period, and not its list of the second quarter.
    expect(flags.map((f) => [f.kind, f.evidence]).sort()).toEqual([
      ['duplicate_across_villages', '同一人也在东山村《2026年第三季度补贴名单（一）》第1行领取'],
      ['duplicate_across_villages', '同一人也在东山村《2026年第三季度补贴名单（一）》第2行领取'],
    ]);
  });

  it('flags a cadre’s relative once the township enters the roster, and a deceased recipient once it imports the list', async () => {
    const id = await publish(
      dongshan,
      subsidyList(
        [
          ['李小河', LI, '耕地地力保护补贴', '900.00'],
          ['孙老汉', SUN, '耕地地力保护补贴', '900.00'],
        ],
        '2026年第三季度补贴名单（二）',
      ),
    );
    expect(await flagsOf(id)).toEqual([]);
    const roster = await t.call(
      r.saveRoster,
      { body: { villageCode: dongshan.code, entries: [{ name: '李小河', idNumber: LI, position: '村委会主任李大河之子' }] } },
      handler,
    );
    expect(roster.body).toEqual({ entries: 1 });
    await t.call(r.saveDeceased, { body: { entries: [{ name: '孙老汉', idNumber: SUN, diedOn: '2025-03-02' }] } }, handler);
    expect((await flagsOf(id)).map((f) => [f.kind, f.row, f.evidence])).toEqual(
      expect.arrayContaining([
        ['cadre_roster', 0, '领取人在村干部名单上：东山村 村委会主任李大河之子'],
        ['deceased', 1, '领取人在去世人员名单上，去世日期 2025-03-02'],
      ]),
    );
  });

  it('flags an amount outside the standard the county sets', async () => {
    const id = await publish(dongshan, subsidyList([['赵春花', ZHAO, '耕地地力保护补贴', '5000.00']], '2026年第三季度补贴名单（三）'));
    await t.call(r.saveStandard, { body: { type: 'subsidy_list', minAmount: 100, maxAmount: 1500 } }, countyStaff);
    expect((await flagsOf(id)).map((f) => f.evidence)).toEqual(['金额 5000.00 元，县定标准为 100.00–1500.00 元']);
  });

  it('dismisses a flag with a reason, or turns one into a case that cites the line', async () => {
    const open = (await t.call(r.list, { query: { status: 'open' } }, handler)).body.items;
    const [first, second] = open;
    const dismissed = await t.call(r.dismiss, { params: { id: first!.id }, body: { reason: '已核实为同名不同人' } }, handler);
    expect(dismissed.body.status).toBe('dismissed');
    expect(dismissed.body.resolution).toBe('已核实为同名不同人');
    expect((await t.call(r.dismiss, { params: { id: first!.id }, body: { reason: '再排除一次' } }, handler)).error.code).toBe(
      'ACTION_NOT_ALLOWED',
    );

    const opened = await t.call(r.openCase, { params: { id: second!.id } }, handler);
    expect(opened.body.status).toBe('case');
    const reportNo = opened.body.reportNo!;
    const detail = (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;
    expect(detail.channel).toBe('data_check');
    expect(detail.content).toContain(second!.evidence);
    expect(detail.citation).toMatchObject({ kind: 'disclosure', disclosureId: second!.disclosureId, row: second!.line });
    expect((await t.call(contract.case.list, { query: {} }, handler)).body.items.map((c) => c.reportNo)).toContain(reportNo);
  });

  it('shows flags to the township and county only, never to the village or another township', async () => {
    expect((await t.call(r.list, { query: {} }, countyStaff)).body.items.length).toBeGreaterThan(0);
    expect((await t.call(r.list, { query: {} }, otherHandler)).body.items).toEqual([]);
    expect((await t.call(r.list, { query: {} }, villageStaff.get(dongshan.code)!.publisher)).error.code).toBe('FORBIDDEN');
    const anyFlag = (await t.call(r.list, { query: {} }, handler)).body.items[0]!;
    expect((await t.call(r.dismiss, { params: { id: anyFlag.id }, body: { reason: '越权排除' } }, otherHandler)).error.code).toBe(
      'RED_FLAG_NOT_FOUND',
    );
    const page = await t.call(contract.village.page, { params: { code: dongshan.code } });
    expect(page.text).not.toContain('比对');
  });
});
