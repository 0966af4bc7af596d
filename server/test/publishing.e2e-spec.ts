import { contract, type DisclosureDraft } from '@mashang/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type Region,
  type StaffFixture,
  county,
  disclosure,
  fileReport,
  powerItem,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const p = contract.publishing;
// A made-up resident ID number with a correct check character.
const ID = '341821199003074538';

function subsidyList(overrides: Partial<DisclosureDraft> = {}): DisclosureDraft {
  return {
    kind: 'finance',
    type: 'subsidy_list',
    title: '2026年耕地地力保护补贴发放名单',
    period: '2026-Q3',
    body: '以下为本村2026年耕地地力保护补贴发放名单，如有疑问请向村务监督委员会反映。',
    table: { columns: ['姓名', '身份证号', '联系电话', '补贴金额（元）'], rows: [['王大山', ID, '13955667788', '1200.00']] },
    ...overrides,
  };
}

describe.each(DATABASE_KINDS)('publishing disclosures on %s', (kind) => {
  let t: TestApp;
  let home: Region;
  let neighbour: Region;
  let publisher: StaffFixture;
  let supervisor: StaffFixture;
  let handler: StaffFixture;
  let otherPublisher: StaffFixture;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingxi = await county(t);
    const taoyuan = await township(t, qingxi);
    home = await village(t, taoyuan, { name: '东山村' });
    neighbour = await village(t, taoyuan, { name: '西河村' });
    publisher = await staffAccount(t, 'village_publisher', home, { displayName: '王报账' });
    supervisor = await staffAccount(t, 'village_supervisor', home, { displayName: '李监督' });
    handler = await staffAccount(t, 'township_handler', taoyuan);
    otherPublisher = await staffAccount(t, 'village_publisher', neighbour);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function publishedDisclosure(draft = subsidyList()): Promise<number> {
    const { id } = (await t.call(p.create, { body: draft }, publisher)).body;
    expect((await t.call(p.submit, { params: { id } }, publisher)).ok).toBe(true);
    expect((await t.call(p.cosign, { params: { id } }, supervisor)).ok).toBe(true);
    return id;
  }

  it('keeps a draft from the public until the supervisor co-signs it, then shows both names and dates', async () => {
    t.clock.set(new Date('2026-10-08T02:00:00Z'));
    const created = await t.call(p.create, { body: subsidyList() }, publisher);
    expect(created.status).toBe(201);
    const { id } = created.body;
    expect(created.body.status).toBe('unpublished');
    expect(created.body.open?.status).toBe('draft');
    expect((await t.call(contract.village.disclosure, { params: { id } })).error.code).toBe('DISCLOSURE_NOT_FOUND');
    expect((await t.call(contract.village.disclosures, { params: { code: home.code } })).body.items).toEqual([]);

    // The publisher cannot co-sign; the supervisor cannot co-sign what was not submitted.
    expect((await t.call(p.cosign, { params: { id } }, publisher)).error.code).toBe('FORBIDDEN');
    expect((await t.call(p.cosign, { params: { id } }, supervisor)).error.code).toBe('ACTION_NOT_ALLOWED');

    t.clock.set(new Date('2026-10-08T03:00:00Z'));
    expect((await t.call(p.submit, { params: { id } }, publisher)).body.open?.status).toBe('submitted');
    t.clock.set(new Date('2026-10-09T01:00:00Z'));
    const signed = await t.call(p.cosign, { params: { id } }, supervisor);
    expect(signed.body.status).toBe('published');
    expect(signed.body.open).toBeNull();

    const page = (await t.call(contract.village.disclosure, { params: { id } })).body;
    expect(page.publisher).toEqual({ name: '王报账', at: '2026-10-08T03:00:00.000Z' });
    expect(page.cosigner).toEqual({ name: '李监督', at: '2026-10-09T01:00:00.000Z' });
    expect(page.table?.rows).toEqual([['王大山', '3418**********4538', '139****7788', '1200.00']]);
    // The full numbers never leave the server, in the public page or the staff view.
    expect(JSON.stringify(page)).not.toContain(ID);
    expect((await t.call(p.get, { params: { id } }, handler)).text).not.toContain(ID);
    expect((await t.call(p.get, { params: { id } }, handler)).text).not.toContain('13955667788');
  });

  it('refuses a full number outside the identity columns and names the cell, storing nothing', async () => {
    const before = (await t.call(p.list, { query: {} }, publisher)).body.items.length;
    const refused = await t.call(
      p.create,
      { body: subsidyList({ table: { columns: ['姓名', '备注'], rows: [['王大山', '联系电话13812345678']] } }) },
      publisher,
    );
    expect(refused.status).toBe(422);
    expect(refused.error.code).toBe('PERSONAL_NUMBER_UNMASKED');
    expect(refused.error.details).toEqual([
      { field: 'body.table.rows.0.1', message: '第1行「备注」列有完整的手机号（138****5678），请删去或改为遮挡后的形式' },
    ]);
    expect((await t.call(p.list, { query: {} }, publisher)).body.items).toHaveLength(before);
  });

  it('sends a draft back with a comment, and the publisher edits and resubmits it', async () => {
    const { id } = (
      await t.call(p.create, { body: subsidyList({ title: '2026年9月村级财务收支明细', type: 'income_expense', table: null }) }, publisher)
    ).body;
    await t.call(p.submit, { params: { id } }, publisher);
    const back = await t.call(p.sendBack, { params: { id }, body: { comment: '缺少9月份的支出凭证' } }, supervisor);
    expect(back.body.open?.status).toBe('returned');
    expect(back.body.open?.reviewComment).toBe('缺少9月份的支出凭证');
    expect((await t.call(p.cosign, { params: { id } }, supervisor)).error.code).toBe('ACTION_NOT_ALLOWED');
    const edited = await t.call(
      p.saveDraft,
      { params: { id }, body: subsidyList({ title: '2026年9月村级财务收支明细（补充凭证）', type: 'income_expense', table: null }) },
      publisher,
    );
    expect(edited.body.open?.status).toBe('draft');
    await t.call(p.submit, { params: { id } }, publisher);
    const signed = await t.call(p.cosign, { params: { id } }, supervisor);
    expect(signed.body.versions.map((v) => v.title)).toEqual(['2026年9月村级财务收支明细（补充凭证）']);
    expect(signed.body.history.map((h) => h.action)).toEqual([
      '起草',
      '提交监委会签',
      '退回修改',
      '修改草稿',
      '提交监委会签',
      '监委会签并公开',
    ]);
  });

  it('publishes a correction as a new version, keeping the earlier one readable', async () => {
    const id = await publishedDisclosure();
    const opened = await t.call(p.correct, { params: { id }, body: { reason: '王大山的补贴金额录入有误' } }, publisher);
    expect(opened.body.open?.action).toBe('correct');
    // While the correction is being drafted, the public still sees version 1.
    expect((await t.call(contract.village.disclosure, { params: { id } })).body.versionNo).toBe(1);
    await t.call(
      p.saveDraft,
      {
        params: { id },
        body: subsidyList({ table: { columns: ['姓名', '身份证号', '补贴金额（元）'], rows: [['王大山', ID, '1250.00']] } }),
      },
      publisher,
    );
    await t.call(p.submit, { params: { id } }, publisher);
    await t.call(p.cosign, { params: { id } }, supervisor);
    const page = (await t.call(contract.village.disclosure, { params: { id } })).body;
    expect(page.versionNo).toBe(2);
    expect(page.corrected).toBe(true);
    expect(page.corrections).toEqual([{ versionNo: 2, reason: '王大山的补贴金额录入有误', publishedAt: expect.any(String) }]);
    expect(page.table?.rows).toEqual([['王大山', '3418**********4538', '1250.00']]);
    const staffView = (await t.call(p.get, { params: { id } }, handler)).body;
    expect(staffView.versions.map((v) => [v.versionNo, v.status, v.table?.rows[0]?.at(-1)])).toEqual([
      [1, 'published', '1200.00'],
      [2, 'published', '1250.00'],
    ]);
  });

  it('shows the officer the line a villager questioned, as it read then, after a correction', async () => {
    const id = await publishedDisclosure();
    const { reportNo } = await fileReport(t, home, { subject: { disclosureId: id, disclosureVersion: 1, disclosureRow: 0 } });
    await t.call(p.correct, { params: { id }, body: { reason: '金额录入有误，予以更正' } }, publisher);
    await t.call(
      p.saveDraft,
      {
        params: { id },
        body: subsidyList({ table: { columns: ['姓名', '身份证号', '补贴金额（元）'], rows: [['王大山', ID, '900.00']] } }),
      },
      publisher,
    );
    await t.call(p.submit, { params: { id } }, publisher);
    await t.call(p.cosign, { params: { id } }, supervisor);
    const detail = (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;
    expect(detail.citation).toEqual({
      kind: 'disclosure',
      disclosureId: id,
      title: '2026年耕地地力保护补贴发放名单',
      versionNo: 1,
      superseded: true,
      columns: ['姓名', '身份证号', '联系电话', '补贴金额（元）'],
      row: ['王大山', '3418**********4538', '139****7788', '1200.00'],
      words: '《2026年耕地地力保护补贴发放名单》中的一笔：王大山，补贴金额1200.00元',
    });
  });

  it('names the chart step a villager questioned, as the page showed it', async () => {
    const powerItemId = await powerItem(t, home, { title: '低保申请审核' });
    const { reportNo } = await fileReport(t, home, { subject: { powerItemId, powerStep: '公开结果' } });
    const detail = (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;
    expect(detail.citation).toEqual({
      kind: 'power_step',
      powerItemId,
      title: '低保申请审核',
      step: '公开结果',
      words: '《低保申请审核》办理流程中的「公开结果」这一步',
    });
  });

  it('shows an earlier version to the public, and keeps the full ID numbers through a correction', async () => {
    const id = await publishedDisclosure();
    await t.call(p.correct, { params: { id }, body: { reason: '补贴金额录入有误' } }, publisher);
    // What the publisher's editor holds: the table as staff see it, masked.
    const open = (await t.call(p.get, { params: { id } }, publisher)).body.open!;
    expect(open.table?.rows[0]?.[1]).toBe('3418**********4538');
    await t.call(
      p.saveDraft,
      {
        params: { id },
        body: subsidyList({
          table: { columns: open.table!.columns, rows: [['王大山', open.table!.rows[0]![1]!, '139****7788', '1500.00']] },
        }),
      },
      publisher,
    );
    await t.call(p.submit, { params: { id } }, publisher);
    await t.call(p.cosign, { params: { id } }, supervisor);

    const first = (await t.call(contract.village.disclosureVersion, { params: { id, versionNo: 1 } })).body;
    expect(first).toMatchObject({ versionNo: 1, reason: null, publisher: { name: '王报账' }, cosigner: { name: '李监督' } });
    expect(first.table?.rows[0]).toEqual(['王大山', '3418**********4538', '139****7788', '1200.00']);
    expect((await t.call(contract.village.disclosureVersion, { params: { id, versionNo: 2 } })).body.reason).toBe('补贴金额录入有误');
    expect((await t.call(contract.village.disclosureVersion, { params: { id, versionNo: 3 } })).error.code).toBe('DISCLOSURE_NOT_FOUND');
    // 码上查 still finds the person on the corrected list.
    const found = await t.call(contract.village.subsidyLookup, { params: { code: home.code }, body: { name: '王大山', idNumber: ID } });
    expect(found.body.items.filter((i) => i.disclosureId === id).map((i) => i.row.at(-1))).toEqual(['1500.00']);
  });

  it('saves a draft with a 2,000-row table', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`村民${i}`, '3418**********4538', '耕地地力保护补贴', '120.00']);
    const saved = await t.call(
      p.create,
      { body: subsidyList({ table: { columns: ['姓名', '身份证号', '补贴项目', '补贴金额（元）'], rows } }) },
      publisher,
    );
    expect(saved.status).toBe(201);
    expect(saved.body.open?.table?.rows).toHaveLength(2000);
  });

  it('masks a list loaded before co-signing existed, for staff and in a correction of it', async () => {
    const id = await disclosure(t, home, {
      kind: 'finance',
      type: 'subsidy_list',
      table: { columns: ['姓名', '身份证号', '联系电话'], rows: [['王大山', ID, '13955667788']] },
    });
    const staffView = await t.call(p.get, { params: { id } }, handler);
    expect(staffView.body.versions[0]?.table?.rows[0]).toEqual(['王大山', '3418**********4538', '139****7788']);
    const correction = await t.call(p.correct, { params: { id }, body: { reason: '按新规定遮挡号码' } }, publisher);
    expect(correction.text).not.toContain(ID);
    expect(correction.text).not.toContain('13955667788');
  });

  it('withdraws only once co-signed, and the reason stays public', async () => {
    const id = await publishedDisclosure();
    const asked = await t.call(p.withdraw, { params: { id }, body: { reason: '名单重复公布，以第二批名单为准' } }, publisher);
    expect(asked.body.open?.status).toBe('submitted');
    expect((await t.call(contract.village.disclosure, { params: { id } })).body.withdrawn).toBe(false);
    await t.call(p.cosign, { params: { id } }, supervisor);
    const page = (await t.call(contract.village.disclosure, { params: { id } })).body;
    expect(page.withdrawn).toBe(true);
    expect(page.withdrawal?.reason).toBe('名单重复公布，以第二批名单为准');
    expect(page.table).toBeNull();
    const listed = (await t.call(contract.village.disclosures, { params: { code: home.code } })).body.items.find((d) => d.id === id);
    expect(listed?.withdrawn).toBe(true);
  });

  it('lets the township require a correction and see every draft, but not write for the village', async () => {
    const id = await publishedDisclosure();
    const draft = (await t.call(p.create, { body: subsidyList({ title: '2026年10月低保名单', type: 'dibao_list' }) }, publisher)).body;
    const required = await t.call(p.requireCorrection, { params: { id }, body: { comment: '名单缺少发放日期' } }, handler);
    expect(required.body.correctionRequired).toBe('名单缺少发放日期');
    const rows = (await t.call(p.list, { query: { village: home.code } }, handler)).body.items;
    expect(rows.find((r) => r.id === draft.id)?.openStatus).toBe('draft');
    expect(rows.find((r) => r.id === id)?.correctionRequired).toBe(true);
    expect((await t.call(p.create, { body: subsidyList() }, handler)).error.code).toBe('FORBIDDEN');
    expect((await t.call(p.requireCorrection, { params: { id }, body: { comment: '越权' } }, publisher)).error.code).toBe('FORBIDDEN');
  });

  it("answers another village's disclosure exactly as one that does not exist", async () => {
    const id = await publishedDisclosure();
    const theirs = await t.call(p.get, { params: { id } }, otherPublisher);
    const missing = await t.call(p.get, { params: { id: 999_999 } }, otherPublisher);
    expect(theirs.status).toBe(404);
    expect(theirs.error).toEqual(missing.error);
    expect((await t.call(p.correct, { params: { id }, body: { reason: '替别村更正一下' } }, otherPublisher)).error.code).toBe(
      'DISCLOSURE_NOT_FOUND',
    );
    expect((await t.call(p.list, { query: { village: home.code } }, otherPublisher)).body.items).toEqual([]);
  });

  it('refuses a second correction while one is open', async () => {
    const id = await publishedDisclosure();
    await t.call(p.correct, { params: { id }, body: { reason: '第一次更正的原因' } }, publisher);
    const again = await t.call(p.correct, { params: { id }, body: { reason: '第二次更正的原因' } }, publisher);
    expect(again.error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await t.call(p.get, { params: { id } }, publisher)).body.versions).toHaveLength(2);
  });

  describe('tables from Excel', () => {
    async function filledTemplate(rows: unknown[][]): Promise<string> {
      const template = await t.call(p.template, { params: { type: 'subsidy_list' } }, publisher);
      expect(template.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(template.raw as unknown as ArrayBuffer);
      book.worksheets[0]!.addRows(rows);
      return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    }

    it('imports a filled-in template into a draft and exports the published table masked', async () => {
      const file = await filledTemplate([
        ['王大山', ID, '耕地地力保护补贴', 8.5, 1200, new Date(Date.UTC(2026, 9, 8))],
        ['李小河', '11010519491231002X', '耕地地力保护补贴', 3, 360.5, '2026-10-08'],
      ]);
      const imported = await t.call(p.importTable, { body: { type: 'subsidy_list', format: 'xlsx', file } }, publisher);
      expect(imported.body.table.rows).toEqual([
        ['王大山', ID, '耕地地力保护补贴', '8.5', '1200.00', '2026-10-08'],
        ['李小河', '11010519491231002X', '耕地地力保护补贴', '3', '360.50', '2026-10-08'],
      ]);
      const id = await publishedDisclosure(subsidyList({ table: imported.body.table }));
      const exported = await t.call(contract.village.disclosureTable, { params: { id } });
      expect(exported.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(exported.raw as unknown as ArrayBuffer);
      const cells = book.worksheets[0]!.getSheetValues()
        .slice(1)
        .map((row) => (Array.isArray(row) ? row.slice(1) : []));
      expect(cells[2]).toEqual(['王大山', '3418**********4538', '耕地地力保护补贴', '8.5', '1200.00', '2026-10-08']);
      expect(exported.raw.includes(Buffer.from(ID))).toBe(false);
    });

    it('refuses a file with bad cells, naming each, and keeps the draft as it was', async () => {
      const { id } = (await t.call(p.create, { body: subsidyList({ title: '待导入的补贴名单' }) }, publisher)).body;
      const file = await filledTemplate([['王大山', '341821199003074539', '耕地地力保护补贴', 8.5, '一千二', '2026-10-08']]);
      const refused = await t.call(p.importTable, { body: { type: 'subsidy_list', format: 'xlsx', file } }, publisher);
      expect(refused.status).toBe(422);
      expect(refused.error.code).toBe('SPREADSHEET_INVALID');
      expect(refused.error.details?.map((d) => d.message)).toEqual([
        '第2行第2列（身份证号）：身份证号校验位不对，请核对；在 Excel 里填写时请先把这一列设为文本格式，否则后几位会丢失',
        '第2行第5列（补贴金额（元））：应为金额，如 1200.00',
      ]);
      expect((await t.call(p.get, { params: { id } }, publisher)).body.open?.table?.rows).toHaveLength(1);
    });

    it('refuses what is not a spreadsheet, and a file too large, with a clear error', async () => {
      const notExcel = await t.call(
        p.importTable,
        { body: { type: 'subsidy_list', format: 'xlsx', file: Buffer.from('just text').toString('base64') } },
        publisher,
      );
      expect(notExcel.error.details?.[0]?.message).toBe('文件无法打开，请确认是 Excel（.xlsx）文件');
      const huge = await t.request(
        'POST',
        '/api/v1/staff/disclosures/import',
        { type: 'subsidy_list', format: 'xlsx', file: 'A'.repeat(5 * 1024 * 1024) },
        publisher,
      );
      expect(huge.status).toBe(413);
      expect(huge.error.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('码上查: a villager looks up their own lines', () => {
    let listId: number;
    beforeAll(async () => {
      listId = await publishedDisclosure(
        subsidyList({
          title: '2026年第三季度低保金发放名单',
          type: 'dibao_list',
          table: {
            columns: ['户主姓名', '身份证号', '保障人数', '月保障金（元）'],
            rows: [
              ['赵春花', '11010519491231002X', '2', '680.00'],
              ['王大山', ID, '1', '420.00'],
            ],
          },
        }),
      );
    });

    it('answers the masked lines that carry both the name and the full ID number', async () => {
      const found = await t.call(contract.village.subsidyLookup, {
        params: { code: home.code },
        body: { name: '赵春花', idNumber: '11010519491231002x' },
      });
      expect(found.body.items).toEqual([
        {
          disclosureId: listId,
          title: '2026年第三季度低保金发放名单',
          period: '2026-Q3',
          publishedAt: expect.any(String),
          columns: ['户主姓名', '身份证号', '保障人数', '月保障金（元）'],
          row: ['赵春花', '1101**********002X', '2', '680.00'],
        },
      ]);
      expect(found.text).not.toContain('11010519491231002X');
    });

    it('answers a wrong name, an unknown number and another village alike', async () => {
      const misses = [
        { code: home.code, name: '赵春', idNumber: '11010519491231002X' },
        { code: home.code, name: '赵春花', idNumber: '341821199003074538' },
        { code: neighbour.code, name: '赵春花', idNumber: '11010519491231002X' },
      ];
      for (const { code, ...body } of misses) {
        const miss = await t.call(contract.village.subsidyLookup, { params: { code }, body });
        expect(miss.status).toBe(200);
        expect(miss.text).toBe('{"items":[]}');
      }
    });

    it('refuses an ID number with a wrong check character before looking', async () => {
      const bad = await t.call(contract.village.subsidyLookup, {
        params: { code: home.code },
        body: { name: '赵春花', idNumber: '110105194912310021' },
      });
      expect(bad.error.code).toBe('VALIDATION_FAILED');
      expect(bad.error.details?.[0]?.message).toBe('身份证号好像不对，请核对后再查');
    });
  });
});

describe.each(DATABASE_KINDS)('the 三务公开 calendar on %s', (kind) => {
  let t: TestApp;
  let home: Region;
  let publisher: StaffFixture;
  let supervisor: StaffFixture;
  let handler: StaffFixture;
  let admin: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingxi = await county(t);
    const taoyuan = await township(t, qingxi);
    home = await village(t, taoyuan, { name: '东山村' });
    publisher = await staffAccount(t, 'village_publisher', home);
    supervisor = await staffAccount(t, 'village_supervisor', home);
    handler = await staffAccount(t, 'township_handler', taoyuan);
    admin = await staffAccount(t, 'admin', qingxi);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function publish(draft: Partial<DisclosureDraft>): Promise<void> {
    const { id } = (await t.call(p.create, { body: subsidyList({ table: null, ...draft }) }, publisher)).body;
    await t.call(p.submit, { params: { id } }, publisher);
    await t.call(p.cosign, { params: { id } }, supervisor);
  }

  it('shows a missed period on the village page and to the township until the village publishes it', async () => {
    // 11 Nov 2026: October's finance was due by 10 Nov, the third quarter's village and party affairs by 15 Oct.
    t.clock.set(new Date('2026-11-11T02:00:00Z'));
    await publish({ kind: 'village', type: 'resolution', title: '2026年第三季度村民代表会议决议', period: '2026-Q3' });
    const page = (await t.call(contract.village.page, { params: { code: home.code } })).body;
    expect(page.overdue).toEqual([
      { kind: 'finance', period: '2026-10', dueOn: '2026-11-10' },
      { kind: 'party', period: '2026-Q3', dueOn: '2026-10-15' },
    ]);
    const overdue = (await t.call(p.overdue, {}, handler)).body;
    // The server's China date: staff pages count days late from it, not from the phone's clock.
    expect(overdue.asOf).toBe('2026-11-11');
    const township = overdue.items;
    expect(township.map((o) => [o.villageName, o.kind, o.period])).toEqual([
      ['东山村', 'finance', '2026-10'],
      ['东山村', 'party', '2026-Q3'],
    ]);
    await publish({ kind: 'finance', type: 'income_expense', title: '2026年10月村级财务收支明细', period: '2026-10' });
    expect((await t.call(contract.village.page, { params: { code: home.code } })).body.overdue.map((o) => o.kind)).toEqual(['party']);
  });

  it('follows the county’s own calendar once its admin sets one', async () => {
    const before = (await t.call(p.calendar, {}, admin)).body;
    expect(before.overridden).toBe(false);
    const set = await t.call(p.setCalendar, { body: { ...before.calendar, kinds: { ...before.calendar.kinds, party: null } } }, admin);
    expect(set.body.overridden).toBe(true);
    expect((await t.call(contract.village.page, { params: { code: home.code } })).body.overdue).toEqual([]);
    expect((await t.call(p.setCalendar, { body: before.calendar }, handler)).error.code).toBe('FORBIDDEN');
  });
});

describe('码上查 is rate-limited per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { LOOKUP_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the fourth look-up in a minute and allows it again in the next', async () => {
    const home = await village(t, await township(t, await county(t)));
    const ask = () =>
      t.call(contract.village.subsidyLookup, { params: { code: home.code }, body: { name: '赵春花', idNumber: '11010519491231002X' } });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    expect((await ask()).error.code).toBe('RATE_LIMITED');
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    expect((await ask()).status).toBe(200);
  });
});
