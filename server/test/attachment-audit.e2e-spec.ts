import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  casework,
  chinaMorning,
  county,
  type Region,
  reportBody,
  smallJpeg,
  smallPdf,
  type StaffFixture,
  staffAccount,
  township,
} from './factories/index.js';
import { uploaded } from './factories/report-uploads.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ra = contract.reportAttachment;
const DAY_MS = 86_400_000;

/**
 * Who looked at a reporter's photos: a full file at each opening (view_attachment), the thumbnails
 * the case page loads once per staff account, case and China day (view_thumbnails).
 */
describe.each(DATABASE_KINDS)('audit of reporters’ files on %s', (kind) => {
  let t: TestApp;
  let db: DataSource;
  let home: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  let admin: StaffFixture;

  beforeAll(async () => {
    t = await startTestApp(kind);
    db = t.app.get(DataSource);
    const world = await casework(t);
    ({ dongshan: home, handler, countyStaff } = world);
    admin = await staffAccount(t, 'admin', world.qingshui);
    t.clock.set(chinaMorning('2026-11-02'));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A report with these files (uploaded now), and the ids the case page lists them by. */
  async function caseWith(files: Array<{ bytes: Buffer; name: string }>): Promise<{ reportNo: string; ids: number[] }> {
    const receipts = [];
    for (const f of files) receipts.push((await uploaded(t, f.bytes, f.name)).id);
    const { reportNo } = (await t.call(contract.report.create, { body: reportBody(home, { attachments: receipts }) })).body;
    const { attachments } = (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;
    return { reportNo, ids: attachments.map((a) => a.id) };
  }
  const twoPhotos = async () =>
    caseWith([
      { bytes: await smallJpeg(), name: 'a.jpg' },
      { bytes: await smallJpeg('#2980b9'), name: 'b.jpg' },
    ]);
  const load = (app: TestApp, reportNo: string, attachmentId: number, as: StaffFixture | string, size?: 'thumb') =>
    app.call(ra.caseAttachment, { params: { reportNo, attachmentId }, ...(size ? { query: { size } } : {}) }, as);
  /** The page's thumbnails, loaded as a browser does: all at once. */
  const loadPage = async (app: TestApp, reportNo: string, ids: number[], as: StaffFixture | string) => {
    const answers = await Promise.all(ids.map((id) => load(app, reportNo, id, as, 'thumb')));
    expect(answers.map((a) => [a.status, a.headers['content-type']])).toEqual(ids.map(() => [200, 'image/jpeg']));
  };
  /** The audit entries on a report, by action and account. */
  const entriesOn = async (reportNo: string) =>
    (
      await db.query<{ action: string; account: number | string }[]>(
        `SELECT a.action AS action, a.account_id AS account FROM audit_log a JOIN reports r ON r.id = a.report_id
         WHERE r.report_no = ? AND a.action IN ('view_attachment', 'view_thumbnails') ORDER BY a.id`,
        [reportNo],
      )
    ).map((e) => `${e.action}:${Number(e.account)}`);
  it('writes one entry for a day of loading a case’s thumbnails, however often and however many at once', async () => {
    const { reportNo, ids } = await twoPhotos();
    for (let i = 0; i < 3; i++) await loadPage(t, reportNo, ids, handler);
    const me = handler.id;
    expect(await entriesOn(reportNo)).toEqual([`view_thumbnails:${me}`]);
    // Later the same China day (23:59 there): still the one entry.
    t.clock.set(new Date(Date.parse('2026-11-02T23:59:00+08:00')));
    await loadPage(t, reportNo, ids, handler);
    expect(await entriesOn(reportNo)).toEqual([`view_thumbnails:${me}`]);

    // Another account, another entry; the next China day, another again.
    await loadPage(t, reportNo, ids, countyStaff);
    t.clock.set(new Date(Date.parse('2026-11-03T00:00:00+08:00')));
    await loadPage(t, reportNo, ids, handler);
    const them = countyStaff.id;
    expect(await entriesOn(reportNo)).toEqual([`view_thumbnails:${me}`, `view_thumbnails:${them}`, `view_thumbnails:${me}`]);
    t.clock.set(chinaMorning('2026-11-02'));
  });

  it('keeps each opening of a full file an entry of its own, and each case its own day’s entry', async () => {
    const first = await twoPhotos();
    const second = await twoPhotos();
    const me = handler.id;
    await loadPage(t, first.reportNo, first.ids, handler);
    await loadPage(t, second.reportNo, second.ids, handler);
    await load(t, first.reportNo, first.ids[0]!, handler);
    await load(t, first.reportNo, first.ids[0]!, handler);
    await loadPage(t, first.reportNo, first.ids, handler);
    expect(await entriesOn(first.reportNo)).toEqual([`view_thumbnails:${me}`, `view_attachment:${me}`, `view_attachment:${me}`]);
    expect(await entriesOn(second.reportNo)).toEqual([`view_thumbnails:${me}`]);
    // The admin reads it in words.
    const log = (await t.call(contract.admin.auditLog, {}, admin)).body.items;
    expect(log.find((e) => e.action === 'view_thumbnails' && e.reportNo === second.reportNo)).toMatchObject({
      actionLabel: '查看反映人上传照片的缩略图（每人每案每天记一次）',
    });
  });

  it('counts a PDF asked for as a thumbnail as the full file it is sent as, and writes nothing for a refused load', async () => {
    const { reportNo, ids } = await caseWith([{ bytes: smallPdf(), name: '收据.pdf' }]);
    const pdf = await load(t, reportNo, ids[0]!, handler, 'thumb');
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(await entriesOn(reportNo)).toEqual([`view_attachment:${handler.id}`]);

    const photo = await twoPhotos();
    const outsider = await staffAccount(t, 'township_handler', await township(t, await county(t, { name: '别县' }), { name: '别镇' }));
    expect((await load(t, photo.reportNo, photo.ids[0]!, outsider, 'thumb')).status).toBe(404);
    expect((await load(t, photo.reportNo, 999_999, handler, 'thumb')).status).toBe(404);
    expect(await entriesOn(photo.reportNo)).toEqual([]);
  });

  if (kind === 'mysql') {
    it('writes the day’s one entry when two instances load the same page at once', async () => {
      const second = await startTestApp(kind, {}, t);
      // One session, on both instances (a second sign-in would reuse the TOTP code).
      let session = await t.tokenOf(handler);
      try {
        second.clock.set(t.clock.now());
        for (let round = 0; round < 3; round++) {
          const { reportNo, ids } = await twoPhotos();
          await Promise.all([loadPage(t, reportNo, ids, handler), loadPage(second, reportNo, ids, session)]);
          expect(await entriesOn(reportNo)).toEqual([`view_thumbnails:${handler.id}`]);
        }
        // And the next day's, once, from whichever instance loads first.
        const { reportNo, ids } = await twoPhotos();
        await loadPage(t, reportNo, ids, handler);
        const tomorrow = new Date(t.clock.now().getTime() + DAY_MS);
        for (const app of [t, second]) app.clock.set(tomorrow);
        session = await t.tokenOf(handler);
        await Promise.all([loadPage(second, reportNo, ids, session), loadPage(t, reportNo, ids, session)]);
        expect((await entriesOn(reportNo)).length).toBe(2);
      } finally {
        await second.close();
        t.clock.set(chinaMorning('2026-11-02'));
      }
    });
  }
});
