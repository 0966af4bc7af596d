import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RetentionSweep } from '../src/modules/retention/retention-sweep.js';
import { describeIf } from '../../test/support/jest-helpers.js';
import { casework, chinaMorning, fileReport, phonePhoto, type Region, type StaffFixture } from './factories/index.js';
import { uploaded } from './factories/report-uploads.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

type Action = RouteInput<typeof contract.case.act>['body'];
const realName = { mode: 'real_name', reporter: { name: '张三', phone: '13800138000' } } as const;

/** Personal data of ended cases goes RETENTION_DAYS (365 by default) after the case ended; the case and its figures stay. */
describe.each(DATABASE_KINDS)('retention of reporters’ personal data on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  const cases: Record<'closed' | 'declined' | 'open' | 'anonymous', string> = { closed: '', declined: '', open: '', anonymous: '' };
  let openQueryCode = '';
  const on = (date: string) => t.clock.set(chinaMorning(date));
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const sweepOn = (date: string) => {
    on(date);
    return t.app.get(RetentionSweep).run();
  };
  const detail = async (reportNo: string) => (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;
  const reveal = (reportNo: string) => t.call(contract.case.reveal, { params: { reportNo } }, handler);
  const stored = async (reportNo: string) => {
    const [row] = await t.app
      .get(DataSource)
      .query<Array<{ reporter_name_enc: string | null; reporter_phone_enc: string | null; content: string }>>(
        'SELECT reporter_name_enc, reporter_phone_enc, content FROM reports WHERE report_no = ?',
        [reportNo],
      );
    return row!;
  };
  /** Every stored file of the app's upload directory. */
  const storedFiles = () =>
    readdirSync(t.config.uploadDir, { recursive: true, encoding: 'utf8' }).filter((name) =>
      statSync(join(t.config.uploadDir, name)).isFile(),
    );
  const figures = async () => (await t.call(contract.case.stats, { query: {} }, countyStaff)).body;

  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ dongshan, handler, countyStaff } = await casework(t));
    on('2026-03-02');
    const photo = await uploaded(t, await phonePhoto(), '村口.jpg');
    const closed = await fileReport(t, dongshan, { ...realName, attachments: [photo.id] });
    await act(handler, closed.reportNo, { action: 'accept' });
    on('2026-03-04');
    await act(handler, closed.reportNo, { action: 'reply', text: '已核实并责令村委会重新公示补贴名单。' });
    await t.call(contract.reporter.rate, { body: { queryCode: closed.queryCode, rating: 'satisfied' } }); // closes it on 4 March
    on('2026-03-10');
    const declined = await fileReport(t, dongshan, realName);
    on('2026-03-12');
    await act(handler, declined.reportNo, { action: 'decline', reason: '不属于纪检监察机关受理范围' });
    const open = await fileReport(t, dongshan, realName);
    await act(handler, open.reportNo, { action: 'accept' });
    const anonymous = await fileReport(t, dongshan);
    await act(handler, anonymous.reportNo, { action: 'decline', reason: '不属于纪检监察机关受理范围' });
    openQueryCode = open.queryCode;
    Object.assign(cases, { closed: closed.reportNo, declined: declined.reportNo, open: open.reportNo, anonymous: anonymous.reportNo });
    // Two staff sign-ins (argon2), a photo re-encoded and eleven steps: slow when the machine is busy.
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('tells the privacy page how long personal data is kept, and that no text goes to WeChat by default', async () => {
    expect((await t.call(contract.system.privacy, {})).body).toEqual({ retentionDays: 365, textCheck: false });
  });

  it('keeps everything until the period after the case ended has passed', async () => {
    expect(await sweepOn('2027-03-04')).toEqual({ cleared: 0 }); // 365 days after 4 March 2026 is 4 March 2027, 10:00
    expect((await detail(cases.closed)).reporterDataRemoved).toBe(false);
    expect((await reveal(cases.closed)).body).toEqual({ name: '张三', phone: '13800138000' });
  });

  it('removes the name and phone of a closed case once the period passed, with an internal event, and keeps the case', async () => {
    const before = await figures();
    expect((await detail(cases.closed)).attachments).toHaveLength(1);
    expect(storedFiles().length).toBeGreaterThan(0);
    expect(await sweepOn('2027-03-05')).toEqual({ cleared: 1 });
    // The photo's row and its stored files (the picture and its small copy) are gone.
    expect(await t.app.get(DataSource).query('SELECT id FROM report_attachments')).toEqual([]);
    expect(storedFiles()).toEqual([]);
    expect(await stored(cases.closed)).toEqual({
      reporter_name_enc: null,
      reporter_phone_enc: null,
      content: '村里今年的耕地地力保护补贴，有几户没种地的也领到了，种地的反而没领到。',
    });
    const after = await detail(cases.closed);
    expect(after).toMatchObject({ status: 'closed', rating: 'satisfied', reporterDataRemoved: true, attachments: [] });
    expect(after.timeline.map((e) => e.type)).toEqual(['submitted', 'accept', 'reply', 'rate', 'close', 'personal_data_removed']);
    expect(after.timeline.at(-1)).toMatchObject({
      actor: '系统',
      publicText: null,
      internalText: '结案已满365天，反映人的姓名、电话等个人信息和上传的照片、文件已按规定删除；反映内容和办理记录保留。',
    });
    // Staff texts stay on the timeline; nothing of it reaches the reporter's view.
    expect(after.timeline.find((e) => e.type === 'reply')?.publicText).toBe('已核实并责令村委会重新公示补贴名单。');
    expect((await reveal(cases.closed)).error.code).toBe('ACTION_NOT_ALLOWED');
    expect(await figures()).toEqual(before);
  });

  it('clears a declined case and an anonymous one on their own dates, without an event where nothing was kept', async () => {
    expect(await sweepOn('2027-03-12')).toEqual({ cleared: 0 });
    expect(await sweepOn('2027-03-13')).toEqual({ cleared: 2 });
    expect(await stored(cases.declined)).toMatchObject({ reporter_name_enc: null, reporter_phone_enc: null });
    expect((await detail(cases.declined)).timeline.at(-1)?.type).toBe('personal_data_removed');
    expect((await detail(cases.anonymous)).timeline.map((e) => e.type)).toEqual(['submitted', 'decline']);
    expect((await detail(cases.anonymous)).reporterDataRemoved).toBe(false);
  });

  it('never touches an open case, and does nothing twice', async () => {
    expect(await sweepOn('2029-01-01')).toEqual({ cleared: 0 });
    expect((await detail(cases.open)).reporterDataRemoved).toBe(false);
    expect((await reveal(cases.open)).body).toEqual({ name: '张三', phone: '13800138000' });
    expect((await detail(cases.closed)).timeline.filter((e) => e.type === 'personal_data_removed')).toHaveLength(1);
  });

  it('counts the period of a case ended later from its own end', async () => {
    on('2029-01-02');
    await act(handler, cases.open, { action: 'reply', text: '经核查属实，已责令村委会限期整改。' });
    await t.call(contract.reporter.rate, { body: { queryCode: openQueryCode, rating: 'satisfied' } });
    expect((await detail(cases.open)).status).toBe('closed');
    expect(await sweepOn('2030-01-02')).toEqual({ cleared: 0 });
    expect(await sweepOn('2030-01-03')).toEqual({ cleared: 1 });
    expect((await detail(cases.open)).reporterDataRemoved).toBe(true);
  });
});

describeIf(DATABASE_KINDS.includes('mysql'))('retention with two instances on one MySQL database', () => {
  let first: TestApp;
  let second: TestApp;
  const CASES = 24;
  beforeAll(async () => {
    first = await startTestApp('mysql');
    second = await startTestApp('mysql', {}, first);
    first.clock.set(chinaMorning('2026-03-02'));
    const { dongshan, handler } = await casework(first);
    for (let i = 0; i < CASES; i++) {
      const { reportNo } = await fileReport(first, dongshan, realName);
      await first.call(
        contract.case.act,
        { params: { reportNo }, body: { action: 'decline', reason: '不属于纪检监察机关受理范围' } },
        handler,
      );
    }
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('clears each case exactly once between them', async () => {
    for (const t of [first, second]) t.clock.set(chinaMorning('2027-06-01'));
    const results = await Promise.all([1, 2, 3].flatMap(() => [first.app.get(RetentionSweep).run(), second.app.get(RetentionSweep).run()]));
    expect(results.reduce((sum, r) => sum + r.cleared, 0)).toBe(CASES);
    const dataSource = first.app.get(DataSource);
    const count = async (sql: string) => Number((await dataSource.query<Array<{ n: number | string }>>(sql))[0]!.n);
    expect(await count("SELECT COUNT(*) AS n FROM report_events WHERE type = 'personal_data_removed'")).toBe(CASES);
    expect(await count('SELECT COUNT(*) AS n FROM reports WHERE reporter_name_enc IS NOT NULL')).toBe(0);
  });
});
