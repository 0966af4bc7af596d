import { contract, type PowerItemContentInput, validateChart } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '../src/demo/demo-accounts.js';
import { DEMO_POWER_ITEMS } from '../src/demo/demo-data.js';
import { type Region, type StaffFixture, county, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const pl = contract.powerList;

/** 惠农补贴申报: a check that can send the application back, and two ends. */
function subsidyTemplate(overrides: Partial<PowerItemContentInput> = {}): PowerItemContentInput {
  return {
    category: 'subsidy',
    title: '惠农补贴申报',
    basis: '《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》',
    responsible: '村民委员会',
    publicity: ['补贴对象及金额'],
    chart: {
      nodes: [
        { id: 'apply', label: '农户申报', actor: '农户' },
        { id: 'check', label: '村组核实', actor: '村民小组长', risks: ['虚报面积套取补贴'] },
        { id: 'show', label: '村内公示', actor: '村民委员会', end: true },
        { id: 'back', label: '退回补充材料', actor: '村民委员会' },
      ],
      edges: [
        { from: 'apply', to: 'check' },
        { from: 'check', to: 'show', label: '核实无误' },
        { from: 'check', to: 'back', label: '材料不全' },
        { from: 'back', to: 'apply', label: '补充后重新申报' },
      ],
    },
    ...overrides,
  };
}

describe.each(DATABASE_KINDS)('the power list on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let xihe: Region;
  let shimencun: Region;
  let elsewhere: Region;
  let countyStaff: StaffFixture;
  let otherCounty: StaffFixture;
  let handler: StaffFixture;
  let shimenHandler: StaffFixture;
  let publisher: StaffFixture;
  let supervisor: StaffFixture;
  let xihePublisher: StaffFixture;
  let otherPublisher: StaffFixture;
  let admin: StaffFixture;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingxi = await county(t);
    const taoyuan = await township(t, qingxi);
    const shimen = await township(t, qingxi);
    dongshan = await village(t, taoyuan, { name: '东山村' });
    xihe = await village(t, taoyuan, { name: '西河村' });
    shimencun = await village(t, shimen, { name: '石门村' });
    const farCounty = await county(t);
    elsewhere = await village(t, await township(t, farCounty), { name: '远山村' });
    countyStaff = await staffAccount(t, 'county_supervisor', qingxi);
    otherCounty = await staffAccount(t, 'county_supervisor', farCounty);
    admin = await staffAccount(t, 'admin', qingxi);
    handler = await staffAccount(t, 'township_handler', taoyuan);
    shimenHandler = await staffAccount(t, 'township_handler', shimen);
    publisher = await staffAccount(t, 'village_publisher', dongshan);
    supervisor = await staffAccount(t, 'village_supervisor', dongshan);
    xihePublisher = await staffAccount(t, 'village_publisher', xihe);
    otherPublisher = await staffAccount(t, 'village_publisher', elsewhere);
  });
  afterAll(async () => {
    await t?.close();
  });

  const newTemplate = async (overrides: Partial<PowerItemContentInput> = {}) =>
    (await t.call(pl.createTemplate, { body: subsidyTemplate(overrides) }, countyStaff)).body;
  const adopt = async (templateId: number, code = dongshan.code, as = publisher) =>
    (await t.call(pl.adopt, { params: { code }, body: { templateId } }, as)).body;

  it('lets only the county supervisor write templates, and shows them to the staff of the county', async () => {
    const created = await t.call(pl.createTemplate, { body: subsidyTemplate({ title: '耕地地力保护补贴申报' }) }, countyStaff);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: '耕地地力保护补贴申报', version: 1, adoptedBy: 0, notYetUpdated: 0 });
    expect(created.body.versions).toEqual([{ version: 1, at: t.clock.now().toISOString(), by: countyStaff.displayName }]);
    const { id } = created.body;

    for (const reader of [handler, publisher, supervisor]) {
      expect((await t.call(pl.templates, {}, reader)).body.items.map((i) => i.id)).toContain(id);
      expect((await t.call(pl.template, { params: { id } }, reader)).body.content.chart.nodes).toHaveLength(4);
    }
    for (const writer of [publisher, handler, admin]) {
      expect((await t.call(pl.createTemplate, { body: subsidyTemplate() }, writer)).error.code).toBe('FORBIDDEN');
      expect((await t.call(pl.updateTemplate, { params: { id }, body: { ...subsidyTemplate(), version: 1 } }, writer)).error.code).toBe(
        'FORBIDDEN',
      );
    }
    expect((await t.call(pl.templates, {}, admin)).error.code).toBe('FORBIDDEN');
    expect((await t.call(pl.templates, {})).error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps one county’s templates out of another county’s sight and reach', async () => {
    const { id } = await newTemplate({ title: '本县专有事项' });
    expect((await t.call(pl.templates, {}, otherCounty)).body.items.map((i) => i.title)).not.toContain('本县专有事项');
    expect((await t.call(pl.templates, {}, otherPublisher)).body.items.map((i) => i.title)).not.toContain('本县专有事项');
    expect((await t.call(pl.template, { params: { id } }, otherCounty)).error.code).toBe('POWER_TEMPLATE_NOT_FOUND');
    expect((await t.call(pl.template, { params: { id } }, otherPublisher)).error.code).toBe('POWER_TEMPLATE_NOT_FOUND');
    const update = await t.call(pl.updateTemplate, { params: { id }, body: { ...subsidyTemplate(), version: 1 } }, otherCounty);
    expect(update.error.code).toBe('POWER_TEMPLATE_NOT_FOUND');
    const adopted = await t.call(pl.adopt, { params: { code: elsewhere.code }, body: { templateId: id } }, otherPublisher);
    expect(adopted.error.code).toBe('POWER_TEMPLATE_NOT_FOUND');
    expect(
      (await t.call(pl.villageList, { params: { code: elsewhere.code } }, otherPublisher)).body.templates.map((x) => x.id),
    ).not.toContain(id);
    // And the other county's list of a village of ours is not theirs to read.
    expect((await t.call(pl.villageList, { params: { code: dongshan.code } }, otherCounty)).error.code).toBe('FORBIDDEN');
  });

  it('refuses a chart that breaks the rules, naming the step in plain Chinese', async () => {
    const deadEnd = subsidyTemplate();
    deadEnd.chart.nodes = deadEnd.chart.nodes.map((n) => ({ ...n, end: false }));
    const refused = await t.call(pl.createTemplate, { body: deadEnd }, countyStaff);
    expect(refused.status).toBe(400);
    expect(refused.error.code).toBe('VALIDATION_FAILED');
    expect(refused.error.details).toEqual([
      {
        field: 'body.chart.nodes.2.end',
        message: '「村内公示」之后没有下一步：如果流程到这里结束，请把它标为“结束步骤”；否则请给它加上去向',
      },
    ]);
    const unlabelled = subsidyTemplate();
    unlabelled.chart.edges = unlabelled.chart.edges.map((e) => (e.to === 'back' ? { from: e.from, to: e.to } : e));
    const branch = await t.call(pl.createTemplate, { body: unlabelled }, countyStaff);
    expect(branch.error.details).toEqual([
      { field: 'body.chart.edges.2.label', message: '「村组核实」有2条去向，请写明去「退回补充材料」的条件（如“审核通过”）' },
    ]);
  });

  it('lets a village adopt a template once, as its own copy that the village page shows', async () => {
    const template = await newTemplate({ title: '低保申请审核', category: 'subsidy' });
    const before = (await t.call(pl.villageList, { params: { code: dongshan.code } }, publisher)).body;
    expect(before.canEdit).toBe(true);
    expect(before.templates.map((x) => x.id)).toContain(template.id);

    const adopted = await t.call(pl.adopt, { params: { code: dongshan.code }, body: { templateId: template.id } }, publisher);
    expect(adopted.status).toBe(201);
    expect(adopted.body).toMatchObject({ village: { code: dongshan.code, name: '东山村' }, version: 1, adjusted: false, offer: null });
    expect(adopted.body.template).toEqual({ id: template.id, title: '低保申请审核', followsVersion: 1, latestVersion: 1 });

    const page = (await t.call(contract.village.page, { params: { code: dongshan.code } })).body;
    const listed = page.powerList.find((g) => g.category === 'subsidy')?.items.find((i) => i.id === adopted.body.id);
    expect(listed?.title).toBe('低保申请审核');
    const item = (await t.call(contract.village.powerItem, { params: { id: adopted.body.id } })).body;
    expect(item.chart.nodes.find((n) => n.id === 'show')?.end).toBe(true);

    const after = (await t.call(pl.villageList, { params: { code: dongshan.code } }, publisher)).body;
    expect(after.items.find((i) => i.id === adopted.body.id)).toEqual({
      id: adopted.body.id,
      category: 'subsidy',
      title: '低保申请审核',
      templateId: template.id,
      adjusted: false,
      offeredVersion: null,
    });
    expect(after.templates.map((x) => x.id)).not.toContain(template.id);
    expect((await t.call(pl.template, { params: { id: template.id } }, countyStaff)).body.adoptedBy).toBe(1);

    const twice = await t.call(pl.adopt, { params: { code: dongshan.code }, body: { templateId: template.id } }, publisher);
    expect(twice.status).toBe(409);
    expect(twice.error.code).toBe('TEMPLATE_ALREADY_ADOPTED');
  });

  it('lets the township adopt for its own villages only, and the village publisher for its own village only', async () => {
    const { id } = await newTemplate({ title: '村民建房申请', category: 'village_affairs' });
    expect((await t.call(pl.adopt, { params: { code: xihe.code }, body: { templateId: id } }, handler)).status).toBe(201);
    expect((await t.call(pl.adopt, { params: { code: shimencun.code }, body: { templateId: id } }, handler)).error.code).toBe('FORBIDDEN');
    expect((await t.call(pl.adopt, { params: { code: shimencun.code }, body: { templateId: id } }, shimenHandler)).status).toBe(201);
    expect((await t.call(pl.adopt, { params: { code: xihe.code }, body: { templateId: id } }, publisher)).error.code).toBe('FORBIDDEN');
    expect((await t.call(pl.adopt, { params: { code: dongshan.code }, body: { templateId: id } }, supervisor)).error.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.call(pl.adopt, { params: { code: dongshan.code }, body: { templateId: id } }, countyStaff)).error.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.call(pl.adopt, { params: { code: '430199999999' }, body: { templateId: id } }, handler)).error.code).toBe(
      'VILLAGE_NOT_FOUND',
    );
    // The supervisor and the county read a village's list, but do not keep it.
    expect((await t.call(pl.villageList, { params: { code: dongshan.code } }, supervisor)).body.canEdit).toBe(false);
    expect((await t.call(pl.villageList, { params: { code: xihe.code } }, countyStaff)).body.canEdit).toBe(false);
    expect((await t.call(pl.villageList, { params: { code: xihe.code } }, handler)).body.canEdit).toBe(true);
    expect((await t.call(pl.villageList, { params: { code: xihe.code } }, publisher)).error.code).toBe('FORBIDDEN');
  });

  it('lets the village adjust its copy, shown publicly at once, and refuses an edit of a version that moved on', async () => {
    const template = await newTemplate({ title: '集体资产出租' });
    const item = await adopt(template.id);
    const ours = subsidyTemplate({ title: '集体资产出租', responsible: '村党组织书记' });
    const saved = await t.call(pl.saveItem, { params: { id: item.id }, body: { ...ours, version: 1 } }, publisher);
    expect(saved.body).toMatchObject({ version: 2, adjusted: true, content: { responsible: '村党组织书记' } });
    expect((await t.call(contract.village.powerItem, { params: { id: item.id } })).body.responsible).toBe('村党组织书记');

    const stale = await t.call(pl.saveItem, { params: { id: item.id }, body: { ...ours, responsible: '村委会', version: 1 } }, handler);
    expect(stale.status).toBe(409);
    expect(stale.error.code).toBe('EDIT_CONFLICT');
    // Back to exactly what the template says: no longer adjusted.
    const back = await t.call(
      pl.saveItem,
      { params: { id: item.id }, body: { ...subsidyTemplate({ title: '集体资产出租' }), version: 2 } },
      handler,
    );
    expect(back.body).toMatchObject({ version: 3, adjusted: false });

    expect((await t.call(pl.saveItem, { params: { id: item.id }, body: { ...ours, version: 3 } }, xihePublisher)).error.code).toBe(
      'POWER_ITEM_NOT_FOUND',
    );
    expect((await t.call(pl.item, { params: { id: item.id } }, otherPublisher)).error.code).toBe('POWER_ITEM_NOT_FOUND');
    expect((await t.call(pl.saveItem, { params: { id: item.id }, body: { ...ours, version: 3 } }, supervisor)).error.code).toBe(
      'FORBIDDEN',
    );
    const broken = { ...ours, chart: { ...ours.chart, edges: ours.chart.edges.filter((e) => e.from !== 'back') }, version: 3 };
    const refused = await t.call(pl.saveItem, { params: { id: item.id }, body: broken }, publisher);
    expect(refused.error.details?.map((d) => d.message)).toContain(
      '「退回补充材料」之后没有下一步：如果流程到这里结束，请把它标为“结束步骤”；否则请给它加上去向',
    );
  });

  it('offers a changed template to the villages that adopted it; accepting takes the county’s changes and keeps the village’s own', async () => {
    const template = await newTemplate({ title: '小额工程建设' });
    const item = await adopt(template.id);
    const other = await adopt(template.id, xihe.code, xihePublisher);
    // 东山村 names its own responsible person.
    await t.call(
      pl.saveItem,
      { params: { id: item.id }, body: { ...subsidyTemplate({ title: '小额工程建设', responsible: '村党组织书记' }), version: 1 } },
      publisher,
    );

    // The county adds a risk point and changes the basis.
    const v2 = subsidyTemplate({ title: '小额工程建设', basis: '《青溪县村级小型工程项目建设管理办法》' });
    v2.chart.nodes = v2.chart.nodes.map((n) => (n.id === 'show' ? { ...n, risks: ['公示时间不足'] } : n));
    const updated = await t.call(pl.updateTemplate, { params: { id: template.id }, body: { ...v2, version: 1 } }, countyStaff);
    expect(updated.body).toMatchObject({ version: 2, adoptedBy: 2, notYetUpdated: 2 });

    // Nothing changed on the village page: the offer is not forced.
    expect((await t.call(contract.village.powerItem, { params: { id: item.id } })).body.basis).toBe(subsidyTemplate().basis);
    const list = (await t.call(pl.villageList, { params: { code: dongshan.code } }, publisher)).body;
    expect(list.items.find((i) => i.id === item.id)?.offeredVersion).toBe(2);

    const view = (await t.call(pl.item, { params: { id: item.id } }, publisher)).body;
    expect(view.offer).toMatchObject({ fromVersion: 1, toVersion: 2 });
    expect(view.offer?.changes).toEqual([
      {
        field: 'basis',
        label: '依据',
        lines: [`原来：${subsidyTemplate().basis}`, '现在：《青溪县村级小型工程项目建设管理办法》'],
        villageAdjusted: false,
      },
      { field: 'chart', label: '流程图', lines: ['“村内公示”新增廉政风险点：公示时间不足'], villageAdjusted: false },
    ]);
    expect(view.offer?.result.responsible).toBe('村党组织书记');

    const accepted = await t.call(
      pl.acceptUpdate,
      { params: { id: item.id }, body: { version: view.version, templateVersion: 2 } },
      publisher,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ offer: null, adjusted: true, template: { followsVersion: 2, latestVersion: 2 } });
    expect(accepted.body.content).toMatchObject({ basis: '《青溪县村级小型工程项目建设管理办法》', responsible: '村党组织书记' });
    const shown = (await t.call(contract.village.powerItem, { params: { id: item.id } })).body;
    expect(shown.chart.nodes.find((n) => n.id === 'show')?.risks).toEqual(['公示时间不足']);
    expect(shown.responsible).toBe('村党组织书记');
    // 西河村 has not decided yet.
    expect((await t.call(pl.template, { params: { id: template.id } }, countyStaff)).body.notYetUpdated).toBe(1);
    expect((await t.call(pl.item, { params: { id: other.id } }, xihePublisher)).body.offer?.toVersion).toBe(2);
  });

  it('warns when the county changed a field the village had adjusted, and accepting then takes the county’s', async () => {
    const template = await newTemplate({ title: '村级财务报销' });
    const item = await adopt(template.id);
    const ours = subsidyTemplate({ title: '村级财务报销' });
    ours.chart.nodes = ours.chart.nodes.map((n) => (n.id === 'check' ? { ...n, actor: '村务监督委员会' } : n));
    await t.call(pl.saveItem, { params: { id: item.id }, body: { ...ours, version: 1 } }, publisher);
    const theirs = subsidyTemplate({ title: '村级财务报销' });
    theirs.chart.nodes = theirs.chart.nodes.map((n) => (n.id === 'check' ? { ...n, label: '村组入户核实' } : n));
    await t.call(pl.updateTemplate, { params: { id: template.id }, body: { ...theirs, version: 1 } }, countyStaff);

    const view = (await t.call(pl.item, { params: { id: item.id } }, handler)).body;
    expect(view.offer?.changes).toEqual([
      { field: 'chart', label: '流程图', lines: ['步骤“村组核实”改名为“村组入户核实”'], villageAdjusted: true },
    ]);
    const accepted = (
      await t.call(pl.acceptUpdate, { params: { id: item.id }, body: { version: view.version, templateVersion: 2 } }, handler)
    ).body;
    expect(accepted.content.chart.nodes.find((n) => n.id === 'check')).toMatchObject({ label: '村组入户核实', actor: '村民小组长' });
    expect(accepted.adjusted).toBe(false);
  });

  it('keeps the village’s copy when it declines, until the county changes the template again', async () => {
    const template = await newTemplate({ title: '宅基地申请' });
    const item = await adopt(template.id);
    await t.call(
      pl.updateTemplate,
      { params: { id: template.id }, body: { ...subsidyTemplate({ title: '宅基地申请', responsible: '镇人民政府' }), version: 1 } },
      countyStaff,
    );

    // Only a version on offer can be taken or turned down, and only from the version the page showed.
    const notOffered = await t.call(pl.declineUpdate, { params: { id: item.id }, body: { version: 1, templateVersion: 1 } }, publisher);
    expect(notOffered.error.code).toBe('ACTION_NOT_ALLOWED');
    expect(
      (await t.call(pl.declineUpdate, { params: { id: item.id }, body: { version: 1, templateVersion: 3 } }, publisher)).error.code,
    ).toBe('ACTION_NOT_ALLOWED');
    const declined = await t.call(pl.declineUpdate, { params: { id: item.id }, body: { version: 1, templateVersion: 2 } }, publisher);
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ version: 2, offer: null, adjusted: true, template: { followsVersion: 2, latestVersion: 2 } });
    expect(declined.body.content.responsible).toBe('村民委员会');
    expect((await t.call(pl.template, { params: { id: template.id } }, countyStaff)).body.notYetUpdated).toBe(0);
    expect(
      (await t.call(pl.acceptUpdate, { params: { id: item.id }, body: { version: 1, templateVersion: 2 } }, publisher)).error.code,
    ).toBe('EDIT_CONFLICT');

    // Saving the same content again makes no new version and offers nothing.
    const same = await t.call(
      pl.updateTemplate,
      { params: { id: template.id }, body: { ...subsidyTemplate({ title: '宅基地申请', responsible: '镇人民政府' }), version: 2 } },
      countyStaff,
    );
    expect(same.body.version).toBe(2);
    expect((await t.call(pl.item, { params: { id: item.id } }, publisher)).body.offer).toBeNull();

    // A stale template edit is refused; a new change is offered again, from the version declined.
    const stale = await t.call(
      pl.updateTemplate,
      { params: { id: template.id }, body: { ...subsidyTemplate({ title: '宅基地审批' }), version: 1 } },
      countyStaff,
    );
    expect(stale.error.code).toBe('EDIT_CONFLICT');
    await t.call(
      pl.updateTemplate,
      { params: { id: template.id }, body: { ...subsidyTemplate({ title: '农村宅基地申请审批', responsible: '镇人民政府' }), version: 2 } },
      countyStaff,
    );
    const offer = (await t.call(pl.item, { params: { id: item.id } }, publisher)).body.offer;
    expect(offer).toMatchObject({ fromVersion: 2, toVersion: 3 });
    expect(offer?.changes).toEqual([
      { field: 'title', label: '事项名称', lines: ['原来：宅基地申请', '现在：农村宅基地申请审批'], villageAdjusted: false },
    ]);
    expect(offer?.result).toMatchObject({ title: '农村宅基地申请审批', responsible: '村民委员会' });
  });
});

describe.each(DATABASE_KINDS)('the demo county’s power list on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { DEMO_DATA: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('draws every demo chart by the rules the editor enforces', () => {
    for (const item of DEMO_POWER_ITEMS)
      expect({ title: item.title, problems: validateChart(item.chart) }).toEqual({ title: item.title, problems: [] });
  });

  it('has each village follow the county’s templates, with one newer version on offer', async () => {
    const county = { username: 'county', password: DEMO_PASSWORD };
    const publisher = { username: 'dongshan-pub', password: DEMO_PASSWORD };
    const templates = (await t.call(pl.templates, {}, county)).body.items;
    expect(templates).toHaveLength(DEMO_POWER_ITEMS.length);
    expect(templates.filter((x) => x.version > 1).map((x) => x.title)).toEqual(['村级财务开支审批']);
    const list = (await t.call(pl.villageList, { params: { code: '341821102201' } }, publisher)).body;
    expect(list.items).toHaveLength(DEMO_POWER_ITEMS.length);
    expect(list.items.every((i) => i.templateId !== null && !i.adjusted)).toBe(true);
    expect(list.items.filter((i) => i.offeredVersion !== null).map((i) => i.title)).toEqual(['村级财务开支审批']);
  });
});
