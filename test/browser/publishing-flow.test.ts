import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from '@jest/globals';
import { eventually } from '../support/jest-helpers.js';
import { phonePage, screenshot } from './support/browser.js';
import { useServerAndBrowser } from './support/server-and-browser.js';
import { DATABASE_KINDS } from './support/server.js';

const VILLAGE = '341821102201';
const TITLE = '2026年10月耕地地力保护补贴发放名单（第二批）';
const COLUMNS = ['姓名', '身份证号', '补贴项目', '面积（亩）', '补贴金额（元）', '发放日期'];

/** An ID number with its GB 11643 check character, so each made-up recipient is a valid one. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, w, i) => total + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11]!;
}

const RECIPIENTS = [
  ['王小明', idNumber('34182119800304211'), '耕地地力保护补贴', '3.5', '385.00', '2026-10-08'],
  ['李秀英', idNumber('34182119550817402'), '耕地地力保护补贴', '2', '220.00', '2026-10-08'],
  ['张建国', idNumber('34182119720102133'), '耕地地力保护补贴', '6.2', '682.00', '2026-10-08'],
  // 王小明 a second time, under the same ID number: the township's comparison must flag it (同一名单重复领取).
  ['王小明', idNumber('34182119800304211'), '耕地地力保护补贴', '3.5', '385.00', '2026-10-08'],
];
const QUESTIONED = RECIPIENTS[1]!;
/** An ID number as every public page and staff view shows it. */
const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(14)}`;

/** A filled-in template as a village publisher keeps it in Excel: the ID column as text. */
async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('补贴发放名单');
  sheet.addRow(COLUMNS).font = { bold: true };
  sheet.getColumn(2).numFmt = '@';
  sheet.addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The page on top of Taro's stack: pages under it stay in the document while hidden. */
const top = (page: Page): Locator => page.locator('.taro_page').last();

const onLoginPage = (page: Page) => new URL(page.url()).pathname.startsWith('/staff/pages/login/');

/** Signs in and waits to leave the login page, trying again if a busy machine let a click land before the form was live. */
async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/staff/pages/login/index`);
  await eventually(
    async () => {
      if (!onLoginPage(page)) return;
      await page.getByTestId('login-username').locator('input').fill(username);
      await page.getByTestId('login-password').locator('input').fill('mashang-demo-2026');
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/staff/pages/login/'), { timeout: 5_000 });
    },
    { timeout: 30_000, interval: 500 },
  );
}

async function importFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await top(page).getByTestId('import-button').click();
  await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

/** Whether an element sits wholly on a 375×667 screen, as it is scrolled now. */
async function onScreen(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  expect(box.y + box.height).toBeLessThanOrEqual(667);
  return box;
}

describe.each(DATABASE_KINDS)('a village publishes a subsidy list and a villager questions a line (H5, %s)', (kind) => {
  let publisher: Page;
  let supervisor: Page;
  let villager: Page;
  let township: Page;
  let disclosurePath = '';
  let reportNo = '';

  const h5 = useServerAndBrowser(kind, {
    pages: async (browser) => {
      [publisher, supervisor, villager, township] = await Promise.all([
        phonePage(browser),
        phonePage(browser),
        phonePage(browser),
        phonePage(browser),
      ]);
    },
  });

  it('lets the publisher start a draft from the village staff page', async () => {
    await signIn(publisher, h5.url, 'dongshan-pub');
    await publisher.getByTestId('village-disclosures').waitFor();
    expect(new URL(publisher.url()).pathname).toBe('/staff/pages/village-staff/index');
    await screenshot(publisher, `${kind}-publish-1-village-staff`);
    await publisher.getByTestId('open-disclosures').click();
    await eventually(async () => expect(await top(publisher).getByTestId('disclosure-row').count()).toBeGreaterThan(0));
    await screenshot(publisher, `${kind}-publish-2-list`);
    await top(publisher).getByTestId('new-disclosure').click();
    const editor = top(publisher);
    await editor.getByTestId('kind-finance').click();
    await editor.getByTestId('type').selectOption('subsidy_list');
    await editor.getByTestId('title').locator('input').fill(TITLE);
    await editor.getByTestId('period-form-month').click();
    await editor.getByTestId('period-year').selectOption('2026');
    await editor.getByTestId('period-month').selectOption('10');
    await editor
      .getByTestId('body')
      .locator('textarea')
      .fill('2026年耕地地力保护补贴标准为每亩110.00元，通过“一卡通”发放到户。公示7天，有异议请向村民委员会反映。');
    expect(await editor.getByTestId('table-editor').textContent()).toContain(`列：${COLUMNS.join('、')}`);
    // The template comes down with the session's token, as a file named for its type.
    const download = publisher.waitForEvent('download');
    await editor.getByTestId('template-link').click();
    const template = await download;
    expect(template.suggestedFilename()).toBe('补贴发放名单模板.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await template.path());
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, ...COLUMNS]);
    await screenshot(publisher, `${kind}-publish-3-editor`);
  });

  it('refuses a bad file with its rows and columns named, then imports the good one', async () => {
    const editor = top(publisher);
    await importFile(
      publisher,
      '补贴名单-有错.xlsx',
      await workbook([RECIPIENTS[0]!, ['李秀英', '34182119550817402', '耕地地力保护补贴', '2', '二百二', '2026-10-08']]),
    );
    await eventually(async () =>
      expect(await editor.getByTestId('import-error').allTextContents()).toEqual([
        '第3行第2列（身份证号）：应为18位身份证号',
        '第3行第5列（补贴金额（元））：应为金额，如 1200.00',
      ]),
    );
    expect(await editor.getByTestId('edit-row').count()).toBe(0);
    await editor.getByTestId('import-errors').scrollIntoViewIfNeeded();
    await screenshot(publisher, `${kind}-publish-4-import-errors`);

    await importFile(publisher, '补贴名单.xlsx', await workbook(RECIPIENTS));
    await eventually(async () => expect(await editor.getByTestId('notice').textContent()).toContain(`导入 ${RECIPIENTS.length} 行`));
    expect(await editor.getByTestId('import-errors').count()).toBe(0);
    expect(await editor.getByTestId('cell-1-1').locator('input').inputValue()).toBe(QUESTIONED[1]);
    await editor.getByTestId('notice').scrollIntoViewIfNeeded();
    await screenshot(publisher, `${kind}-publish-5-imported`);
  });

  it('names a full mobile number at its cell, masks it on request, and submits the draft', async () => {
    const editor = top(publisher);
    await editor.getByTestId('cell-2-2').locator('input').fill('耕地地力保护补贴（联系13912345678）');
    await editor.getByTestId('save').click();
    await eventually(async () =>
      expect(await editor.getByTestId('cell-error-2-2').textContent()).toContain('第3行「补贴项目」列有完整的手机号（139****5678）'),
    );
    await editor.getByTestId('cell-2-2').scrollIntoViewIfNeeded();
    await screenshot(publisher, `${kind}-publish-6-refused-cell`);
    await editor.getByTestId('cell-mask-2-2').click();
    expect(await editor.getByTestId('cell-2-2').locator('input').inputValue()).toBe('耕地地力保护补贴（联系139****5678）');

    await editor.getByTestId('save-submit').click();
    await publisher.waitForURL(/\/staff\/pages\/disclosure\/index\?id=\d+/);
    await publisher.getByTestId('open-version').waitFor();
    disclosurePath = new URL(publisher.url()).pathname + new URL(publisher.url()).search;
    await eventually(async () => expect(await top(publisher).getByTestId('disclosure-open-status').textContent()).toBe('待监委会签'));
    // What the supervisor will read is masked already; the full number went to the server only.
    const draft = (await top(publisher).getByTestId('open-version').textContent()) ?? '';
    expect(draft).toContain(`${QUESTIONED[1]!.slice(0, 4)}**********${QUESTIONED[1]!.slice(14)}`);
    expect(draft).not.toContain(QUESTIONED[1]);
    await screenshot(publisher, `${kind}-publish-7-submitted`);
  });

  it('lets the supervisor co-sign on a phone', async () => {
    await signIn(supervisor, h5.url, 'dongshan-sup');
    await eventually(async () => expect(await supervisor.getByTestId('count-waiting').textContent()).toBe('待您会签 1 条'));
    await screenshot(supervisor, `${kind}-cosign-1-village-staff`);
    await supervisor.getByTestId('open-disclosures').click();
    await top(supervisor).getByTestId('disclosure-row').filter({ hasText: TITLE }).click();
    await supervisor.getByTestId('review-dock').waitFor();
    const page = top(supervisor);
    expect(await page.getByTestId('disclosure-open-status').textContent()).toBe('待监委会签');
    await screenshot(supervisor, `${kind}-cosign-2-draft`);
    // The two buttons stay on the screen, finger-sized, while the draft is read.
    for (const button of ['action-cosign', 'action-send_back'])
      expect((await onScreen(page.getByTestId(button))).height).toBeGreaterThanOrEqual(48);
    await page.getByTestId('version-1-table-row').last().scrollIntoViewIfNeeded();
    await onScreen(page.getByTestId('action-cosign'));
    await screenshot(supervisor, `${kind}-cosign-3-draft-scrolled`);
    await page.getByTestId('action-cosign').click();
    await onScreen(page.getByTestId('action-confirm'));
    await screenshot(supervisor, `${kind}-cosign-4-confirm`);
    await page.getByTestId('action-confirm').click();
    await eventually(async () => expect(await page.getByTestId('action-done').textContent()).toBe('已会签，村民现在能看到了'));
    expect(await page.getByTestId('disclosure-status').textContent()).toBe('已公开');
    await screenshot(supervisor, `${kind}-cosign-5-done`);
  });

  it('shows the township handler a red flag on the published list, with its evidence', async () => {
    await signIn(township, h5.url, 'taoyuan');
    await top(township).getByTestId('nav-red-flags').click();
    const flag = top(township).getByTestId('red-flag').filter({ hasText: TITLE });
    await eventually(async () => expect(await flag.count()).toBe(1));
    expect(await flag.getByTestId('red-flag-evidence').textContent()).toBe('同一身份证号在本名单第1行已经出现');
    const text = (await flag.textContent()) ?? '';
    expect(text).toContain('同一名单重复领取');
    expect(text).toContain(`东山村 · 《${TITLE}》第4行`);
    expect(text).toContain(`身份证号：${masked(RECIPIENTS[3]![1]!)}`);
    expect(text).not.toContain(RECIPIENTS[3]![1]);
    await flag.scrollIntoViewIfNeeded();
    await screenshot(township, `${kind}-township-0-red-flag`);
  });

  it('shows a village that has not published a period on time as overdue, calmly, on its page', async () => {
    // The county asks for village affairs every month, due when the month ends: no village has published last month's.
    const session = (await (
      await fetch(`${h5.url}/api/v1/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'mashang-demo-2026' }),
      })
    ).json()) as { token: string };
    const calendar = {
      startsOn: '2026-01-01',
      kinds: {
        finance: { every: 'month', graceDays: 10 },
        village: { every: 'month', graceDays: 0 },
        party: { every: 'quarter', graceDays: 15 },
      },
    };
    const set = await fetch(`${h5.url}/api/v1/admin/disclosure-calendar`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify(calendar),
    });
    expect(set.status).toBe(200);

    await villager.goto(`${h5.url}/v/${VILLAGE}`);
    const notice = villager.getByTestId('overdue').filter({ hasText: '村务' });
    await eventually(async () => expect(await notice.count()).toBe(1));
    expect(await notice.textContent()).toMatch(/^本期村务未按时公开\d{4}年\d{1,2}月的村务应于\d{1,2}月\d{1,2}日前公开$/);
    // The notice sits at the head of the 三务公开 section, under its title.
    await villager.getByTestId('disclosure-list').evaluate((section) => section.scrollIntoView({ block: 'start' }));
    await onScreen(notice);
    expect((await notice.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await screenshot(villager, `${kind}-villager-0-overdue`);
  });

  it('shows the villager the list with masked numbers, who drafted and who co-signed', async () => {
    await villager.goto(`${h5.url}/v/${VILLAGE}`);
    const link = villager.getByTestId('disclosure-link').filter({ hasText: TITLE });
    await link.waitFor();
    await link.scrollIntoViewIfNeeded();
    await screenshot(villager, `${kind}-villager-1-village`);
    await link.click();
    const page = top(villager);
    await eventually(async () => expect(await page.getByTestId('disclosure-title').textContent()).toBe(TITLE));
    await eventually(async () => expect(await page.getByTestId('disclosure-row').count()).toBe(RECIPIENTS.length));
    expect(await page.getByTestId('disclosure-signatures').textContent()).toMatch(
      /^村报账员 陈报账 \d{4}年\d{1,2}月\d{1,2}日起草 · 村务监督委员会 赵监督 \d{4}年\d{1,2}月\d{1,2}日会签$/,
    );
    const table = (await page.getByTestId('disclosure-table').textContent()) ?? '';
    for (const [name, id] of RECIPIENTS) {
      expect(table).toContain(name);
      expect(table).toContain(`${id!.slice(0, 4)}**********${id!.slice(14)}`);
      expect(table).not.toContain(id);
    }
    expect(await page.getByTestId('download-table').count()).toBe(1);
    await screenshot(villager, `${kind}-villager-2-disclosure`);
    await page.getByTestId('disclosure-row').nth(1).scrollIntoViewIfNeeded();
    await screenshot(villager, `${kind}-villager-3-rows`);
  });

  it('lets the villager download the table as it is published', async () => {
    const download = villager.waitForEvent('download');
    await top(villager).getByTestId('download-table').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${TITLE}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('李秀英');
    expect(cells).not.toContain(QUESTIONED[1]);
  });

  it('finds the villager’s own line by name and ID number (码上查), and says so plainly when nothing matches', async () => {
    await villager.goto(`${h5.url}/v/${VILLAGE}`);
    await villager.getByTestId('subsidy-link').scrollIntoViewIfNeeded();
    await villager.getByTestId('subsidy-link').click();
    const page = top(villager);
    await page.getByTestId('subsidy-name').locator('input').fill('张建国');
    await page.getByTestId('subsidy-id').locator('input').fill(RECIPIENTS[2]![1]!);
    await page.getByTestId('subsidy-submit').click();
    const line = page.getByTestId('subsidy-line').filter({ hasText: TITLE });
    await eventually(async () => expect(await line.textContent()).toContain('682.00'));
    expect(await line.textContent()).not.toContain(RECIPIENTS[2]![1]);
    await screenshot(villager, `${kind}-villager-5-subsidy-found`);
    await page.getByTestId('subsidy-name').locator('input').fill('张建军');
    await page.getByTestId('subsidy-submit').click();
    await eventually(async () =>
      expect(await page.getByTestId('subsidy-none').textContent()).toContain('没有查到与您姓名和身份证号都相符的公开记录'),
    );
    await screenshot(villager, `${kind}-villager-6-subsidy-none`);
  });

  it('files a report that cites the questioned row', async () => {
    await villager.goto(`${h5.url}/pages/disclosure/index?${new URL(disclosurePath, h5.url).searchParams.toString()}&code=${VILLAGE}`);
    await top(villager).getByTestId('row-question').nth(1).click();
    const form = top(villager);
    // The form names the questioned line in words: the disclosure's title and the line's name.
    await eventually(async () => expect(await form.getByTestId('report-about').textContent()).toContain(`中的一笔：${QUESTIONED[0]}`));
    expect(await form.getByTestId('report-about').textContent()).toContain(TITLE);
    await form.getByTestId('track-accusation').click();
    await form.getByTestId('mode-anonymous').click();
    await form.getByTestId('category-welfare_funds').click();
    await form.getByTestId('content-input').locator('textarea').fill('李秀英家只有一亩多地，名单上写的是2亩，补贴多领了。');
    // Villagers see only the query code; the report's number, for finding the case, comes from the answer.
    const filed = villager.waitForResponse((r) => r.url().endsWith('/api/v1/reports') && r.status() === 201, { timeout: 15_000 });
    await form.getByTestId('submit-report').click();
    reportNo = ((await (await filed).json()) as { reportNo: string }).reportNo;
    expect(reportNo).not.toBe('');
  });

  it('shows the township handler the report with the line it cites', async () => {
    // Signed in since the red flag: the inbox opens straight away.
    await township.goto(`${h5.url}/staff/pages/inbox/index`);
    const row = township.getByTestId('case-row').filter({ hasText: reportNo });
    await row.waitFor();
    await row.click();
    const page = top(township);
    await eventually(async () => expect(await page.getByTestId('case-content').textContent()).toContain('补贴多领了'));
    const citation = (await page.getByTestId('case-citation').textContent()) ?? '';
    expect(citation).toContain(TITLE);
    expect(citation).toContain('李秀英');
    expect(citation).toContain(`${QUESTIONED[1]!.slice(0, 4)}**********${QUESTIONED[1]!.slice(14)}`);
    expect(citation).not.toContain(QUESTIONED[1]);
    await page.getByTestId('case-citation').scrollIntoViewIfNeeded();
    await screenshot(township, `${kind}-township-1-case-citation`);
  });

  it('lets the township see the villages’ disclosures and require a correction', async () => {
    await top(township).getByTestId('nav-disclosures').click();
    const list = top(township);
    const row = list.getByTestId('disclosure-row').filter({ hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain('东山村');
    await screenshot(township, `${kind}-township-2-list`);

    // The periods the township's villages owe, on a tab of their own: every village missed last month's 村务.
    await list.getByTestId('tab-overdue').click();
    const late = list.getByTestId('overdue-row').filter({ hasText: '的村务应于' });
    await eventually(async () => expect(await late.count()).toBe(3));
    expect(await late.allTextContents()).toEqual(
      ['东山村', '西河村', '柳塘村'].map((name) =>
        expect.stringMatching(new RegExp(`^${name}村务\\d{4}年\\d{1,2}月的村务应于.+前公开逾期\\d+天$`)),
      ),
    );
    expect(await list.getByTestId('tab-overdue').textContent()).toBe(`未按时公开 ${await list.getByTestId('overdue-row').count()}`);
    await screenshot(township, `${kind}-township-2b-overdue`);
    await list.getByTestId('tab-list').click();
    await row.click();
    const page = top(township);
    await page.getByTestId('action-require_correction').click();
    await page.getByTestId('action-text').locator('textarea').fill('李秀英的承包面积与确权台账不符，请核实后更正。');
    await screenshot(township, `${kind}-township-3-require-form`);
    await page.getByTestId('action-confirm').click();
    await eventually(async () => expect(await page.getByTestId('action-done').textContent()).toBe('已要求村里更正'));
    expect(await page.getByTestId('correction-required').textContent()).toBe('需更正');
    await screenshot(township, `${kind}-township-4-required`);
  });

  it('corrects the line: the publisher drafts the correction, the supervisor co-signs, the villager sees 已更正', async () => {
    await publisher.goto(`${h5.url}${disclosurePath}`);
    let page = top(publisher);
    await eventually(async () => expect(await page.getByTestId('correction-required-note').textContent()).toContain('确权台账不符'));
    await screenshot(publisher, `${kind}-correct-1-required`);
    await page.getByTestId('action-correct').click();
    await page.getByTestId('action-text').locator('textarea').fill('李秀英承包面积应为1.2亩，补贴金额应为132.00元');
    await page.getByTestId('action-confirm').click();
    await publisher.waitForURL(/disclosure-edit/);
    page = top(publisher);
    await eventually(async () => expect(await page.getByTestId('cell-1-3').locator('input').inputValue()).toBe('2'));
    await screenshot(publisher, `${kind}-correct-2-editor`);
    await page.getByTestId('cell-1-3').locator('input').fill('1.2');
    await page.getByTestId('cell-1-4').locator('input').fill('132.00');
    await page.getByTestId('save-submit').click();
    await publisher.waitForURL(/\/staff\/pages\/disclosure\/index/);
    await eventually(async () => expect(await top(publisher).getByTestId('disclosure-open-status').textContent()).toBe('更正待监委会签'));
    // The list tells a correction on its way from a first publication.
    await top(publisher).getByTestId('nav-disclosures').click();
    const pending = top(publisher).getByTestId('disclosure-row').filter({ hasText: TITLE });
    await eventually(async () => expect(await pending.getByTestId('disclosure-open-status').textContent()).toBe('更正待监委会签'));
    await screenshot(publisher, `${kind}-correct-3-list`);

    await supervisor.goto(`${h5.url}${disclosurePath}`);
    page = top(supervisor);
    await page.getByTestId('action-cosign').click();
    await page.getByTestId('action-confirm').click();
    await eventually(async () => expect(await page.getByTestId('action-done').textContent()).toBe('已会签，村民现在能看到了'));

    await villager.goto(`${h5.url}/v/${VILLAGE}`);
    const link = villager.getByTestId('disclosure-link').filter({ hasText: TITLE });
    await eventually(async () => expect(await link.textContent()).toContain('已更正'));
    await link.click();
    page = top(villager);
    await eventually(async () => expect(await page.getByTestId('correction').textContent()).toContain('李秀英承包面积应为1.2亩'));
    expect(await page.getByTestId('disclosure-table').textContent()).toContain('132.00');
    await screenshot(villager, `${kind}-villager-4-corrected`);
  });

  it('shows the villager the version before the correction, and a question there cites that version', async () => {
    const earlier = async () => {
      await top(villager).getByTestId('earlier-version-link').click();
      await villager.waitForURL(/[?&]version=1(&|$)/);
      await eventually(async () =>
        expect(await top(villager).getByTestId('disclosure-earlier-text').textContent()).toMatch(
          /^这是第1版，已于\d{4}年\d{1,2}月\d{1,2}日更正，现行为第2版。$/,
        ),
      );
      return top(villager);
    };
    let page = await earlier();
    const table = (await page.getByTestId('disclosure-table').textContent()) ?? '';
    expect(table).toContain('第1版的明细');
    expect(table).toContain('220.00');
    expect(table).not.toContain('132.00');
    expect(table).not.toContain(QUESTIONED[1]);
    await screenshot(villager, `${kind}-villager-4b-earlier-version`);
    await page.getByTestId('disclosure-row').nth(1).scrollIntoViewIfNeeded();
    await screenshot(villager, `${kind}-villager-4c-earlier-rows`);
    // At the end of the old lines, the way back to the current ones.
    await page.getByTestId('current-version-link-end').scrollIntoViewIfNeeded();
    await screenshot(villager, `${kind}-villager-4d-earlier-end`);

    // One tap goes back to the current version, where the reader came from.
    await page.getByTestId('current-version-link').click();
    await villager.waitForURL((url) => !url.searchParams.has('version'));
    await eventually(async () => expect(await top(villager).getByTestId('disclosure-table').textContent()).toContain('132.00'));
    expect(await top(villager).getByTestId('disclosure-earlier').count()).toBe(0);

    page = await earlier();
    await page.getByTestId('row-question').nth(1).click();
    await villager.waitForURL(/\/pages\/report\/index/);
    const asked = new URL(villager.url()).searchParams;
    expect([asked.get('disclosureVersion'), asked.get('disclosureRow')]).toEqual(['1', '1']);
    await eventually(async () =>
      expect(await top(villager).getByTestId('report-about').textContent()).toContain(`中的一笔：${QUESTIONED[0]}`),
    );
  });

  it('still finds the corrected line by name and ID number (码上查)', async () => {
    await villager.goto(`${h5.url}/v/${VILLAGE}`);
    await villager.getByTestId('subsidy-link').scrollIntoViewIfNeeded();
    await villager.getByTestId('subsidy-link').click();
    const page = top(villager);
    await page.getByTestId('subsidy-name').locator('input').fill(QUESTIONED[0]!);
    await page.getByTestId('subsidy-id').locator('input').fill(QUESTIONED[1]!);
    await page.getByTestId('subsidy-submit').click();
    const line = page.getByTestId('subsidy-line').filter({ hasText: TITLE });
    await eventually(async () => expect(await line.textContent()).toContain('132.00'));
    const text = (await line.textContent()) ?? '';
    expect(text).toContain('1.2');
    expect(text).not.toContain('220.00');
    expect(text).not.toContain(QUESTIONED[1]);
    await line.scrollIntoViewIfNeeded();
    await screenshot(villager, `${kind}-villager-6b-subsidy-after-correction`);
  });

  it('withdraws the list with a reason that stays public', async () => {
    await publisher.goto(`${h5.url}${disclosurePath}`);
    let page = top(publisher);
    await page.getByTestId('action-withdraw').click();
    await page.getByTestId('action-text').locator('textarea').fill('与第一批名单重复，以第一批为准');
    await page.getByTestId('action-confirm').click();
    await eventually(async () => expect(await page.getByTestId('action-done').textContent()).toBe('已提交撤回申请，等待监委会会签'));

    // The supervisor's list says what waits for them: a withdrawal, not a new version.
    await supervisor.goto(`${h5.url}/staff/pages/disclosures/index`);
    const waiting = top(supervisor).getByTestId('disclosure-row').filter({ hasText: TITLE });
    await eventually(async () => expect(await waiting.getByTestId('disclosure-open-status').textContent()).toBe('撤回待监委会签'));
    await screenshot(supervisor, `${kind}-withdraw-0-list`);
    await supervisor.goto(`${h5.url}${disclosurePath}`);
    page = top(supervisor);
    await eventually(async () => expect(await page.getByTestId('action-cosign').textContent()).toBe('同意撤回'));
    await screenshot(supervisor, `${kind}-withdraw-1-supervisor`);
    await page.getByTestId('action-cosign').click();
    await page.getByTestId('action-confirm').click();
    await eventually(async () => expect(await page.getByTestId('action-done').textContent()).toBe('已会签，这条公开已撤回'));
    await page.getByTestId('versions').scrollIntoViewIfNeeded();
    await screenshot(supervisor, `${kind}-withdraw-2-versions`);

    await villager.goto(`${h5.url}/v/${VILLAGE}`);
    const link = villager.getByTestId('disclosure-link').filter({ hasText: TITLE });
    await eventually(async () => expect(await link.textContent()).toContain('已撤回'));
    await link.click();
    page = top(villager);
    await eventually(async () =>
      expect(await page.getByTestId('disclosure-withdrawn').textContent()).toContain('与第一批名单重复，以第一批为准'),
    );
    expect(await page.getByTestId('disclosure-table').count()).toBe(0);
    await screenshot(villager, `${kind}-villager-7-withdrawn`);
  });
});
