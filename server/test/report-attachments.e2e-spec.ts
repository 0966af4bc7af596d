import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { API_PREFIX, contract, MAX_ATTACHMENT_BYTES, MAX_REPORT_ATTACHMENTS } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { DisclosureAttachmentEntity } from '../src/modules/publishing/disclosure-attachment.entity.js';
import { ReportAttachmentEntity } from '../src/modules/report-attachment/report-attachment.entity.js';
import { FileStorage } from '../src/common/storage/file-storage.js';
import { ORPHAN_SCAN_BATCH, ReportAttachmentService } from '../src/modules/report-attachment/report-attachment.service.js';
import { MAX_UPLOADS_READ_AT_ONCE } from '../src/modules/report-attachment/upload-body.js';
import {
  casework,
  hasGpsPosition,
  phonePhoto,
  readExif,
  type Region,
  reportBody,
  smallJpeg,
  smallPdf,
  type StaffFixture,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { multipartBody, uploaded, uploadFile } from './factories/report-uploads.js';
import { DATABASE_KINDS } from './support/databases.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';

const ra = contract.reportAttachment;
const DEVICE = 'QingshuiPhone QS-20 Build/ABC123XYZ';
const ADDRESS = '203.0.113.77';

const UPLOAD_PATH = `${API_PREFIX}${ra.upload.path}`;

/**
 * A multipart body of `size` bytes declared up front, made only as the server pulls it; with `sendFirst`
 * it stops after that many bytes until `finish`, like a phone still sending.
 */
function slowBody(size: number, sendFirst = size) {
  let sent = 0;
  let wake: (() => void) | null = null;
  let finished = false;
  const stream = new Readable({
    read(want) {
      if (finished || sent >= size) return void this.push(null);
      if (sent >= sendFirst) {
        wake = () => this.push(null);
        return;
      }
      const n = Math.min(want, size - sent, sendFirst - sent);
      sent += n;
      this.push(Buffer.alloc(n, 0x20));
    },
  });
  return {
    stream,
    headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(size) },
    pulled: () => sent,
    finish: () => {
      finished = true;
      wake?.();
    },
  };
}

/** Every file under a directory. */
function storedFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile());
}

describe.each(DATABASE_KINDS)('report attachments on %s', (kind) => {
  let t: TestApp;
  let home: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  let otherHandler: StaffFixture;
  let publisher: StaffFixture;
  let shimen: Region;
  let admin: StaffFixture;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp(kind);
    db = t.app.get(DataSource);
    const world = await casework(t);
    ({ dongshan: home, handler, countyStaff } = world);
    shimen = await township(t, world.qingshui, { name: '石门乡' });
    await village(t, shimen, { name: '石门村' });
    otherHandler = await staffAccount(t, 'township_handler', shimen);
    publisher = await staffAccount(t, 'village_publisher', home);
    admin = await staffAccount(t, 'admin', world.qingshui);
  });
  afterAll(async () => {
    await t?.close();
  });

  const file = (attachments: string[], overrides = {}) =>
    t.call(contract.report.create, { body: reportBody(home, { attachments, ...overrides }) });
  /** One count from the database, as a number on either database. */
  const countOf = async (sql: string) => Number((await db.query<{ n: number | string }[]>(sql))[0]!.n);
  const reportCount = () => countOf('SELECT COUNT(*) AS n FROM reports');
  const caseFile = (reportNo: string, attachmentId: number, as: StaffFixture, size?: 'thumb') =>
    t.call(ra.caseAttachment, { params: { reportNo, attachmentId }, ...(size ? { query: { size } } : {}) }, as);

  it('strips a phone photo of its EXIF and GPS position; the case page lists it and its staff open it, never cached', async () => {
    const original = await phonePhoto();
    expect(hasGpsPosition(readExif((await sharp(original).metadata()).exif))).toBe(true);

    const receipt = await uploaded(t, original, '张三拍的.jpg');
    expect(receipt).toMatchObject({ kind: 'image', type: 'image/jpeg' });
    expect(receipt.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const filed = await file([receipt.id]);
    expect(filed.status).toBe(201);

    const detail = (await t.call(contract.case.get, { params: { reportNo: filed.body.reportNo } }, handler)).body;
    expect(detail.attachments).toEqual([{ id: expect.any(Number), name: '照片1.jpg', type: 'image/jpeg', size: receipt.size }]);
    const [photo] = detail.attachments;

    for (const as of [handler, countyStaff]) {
      const served = await caseFile(filed.body.reportNo, photo!.id, as);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.headers['cache-control']).toBe('no-store');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.headers['content-disposition']).toBe(
        `inline; filename="attachment.jpg"; filename*=UTF-8''${encodeURIComponent('照片1.jpg')}`,
      );
      const meta = await sharp(served.raw).metadata();
      expect(meta.exif).toBeUndefined();
      expect(hasGpsPosition(readExif(meta.exif))).toBe(false);
      expect(meta.xmp).toBeUndefined();
      // Turned upright by its orientation before the tag went: 1200 wide, 1600 high.
      expect([meta.width, meta.height]).toEqual([1200, 1600]);
      expect(served.raw.includes(Buffer.from('QingshuiPhone'))).toBe(false);
    }
    // On disk only sealed: neither the photo nor its small copy can be read from the upload directory.
    const onDisk = storedFiles(t.config.uploadDir).map((path) => readFileSync(path));
    expect(onDisk.length).toBeGreaterThanOrEqual(2);
    for (const bytes of onDisk) {
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('MSA1');
      await expect(sharp(bytes).metadata()).rejects.toThrow();
    }
    // The reporter is told how many were attached, and given no way to fetch them (they are evidence).
    const view = (await t.call(contract.report.lookup, { body: { queryCode: filed.body.queryCode } })).body;
    expect(view.attachmentCount).toBe(1);
    expect(JSON.stringify(view)).not.toContain('attachments/');
    const thumb = await caseFile(filed.body.reportNo, photo!.id, handler, 'thumb');
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.headers['cache-control']).toBe('no-store');
    const small = await sharp(thumb.raw).metadata();
    expect(Math.max(small.width, small.height)).toBe(480);
  });

  it('types a file by its bytes: a PNG named .jpg is a PNG, a PDF is kept, a text file named .jpg is refused', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2e86c1' } })
      .png()
      .toBuffer();
    expect(await uploaded(t, png, 'photo.jpg')).toMatchObject({ kind: 'image', type: 'image/png' });
    expect(await uploaded(t, smallPdf(), 'scan.jpg')).toMatchObject({ kind: 'pdf', type: 'application/pdf' });

    const text = await uploadFile(t, Buffer.from('这不是照片，是一段文字。'.repeat(20)), 'photo.jpg');
    expect(text.status).toBe(422);
    expect(text.error.code).toBe('ATTACHMENT_TYPE_UNSUPPORTED');
    expect(text.error.message).toContain('只能添加照片');
  });

  it('refuses a file over the limit with its own message, whether the body says so at once or only once read', async () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x20);
    (await smallJpeg()).copy(big);
    const justOver = await uploadFile(t, big, 'big.jpg');
    expect(justOver.status).toBe(413);
    expect(justOver.error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', message: expect.stringContaining('不能超过10MB') });

    const { body, contentType } = await multipartBody(Buffer.alloc(MAX_ATTACHMENT_BYTES + 200 * 1024, 0x20), 'huge.jpg');
    const huge = await t.request('POST', `${API_PREFIX}${ra.upload.path}`, body, undefined, { 'content-type': contentType });
    expect(huge.status).toBe(413);
    expect(huge.error.code).toBe('ATTACHMENT_TOO_LARGE');
  });

  it('takes multipart on the upload route only, and the upload route nothing else', async () => {
    const { body, contentType } = await multipartBody(await smallJpeg(), 'photo.jpg');
    const elsewhere = await t.request('POST', `${API_PREFIX}${contract.report.create.path}`, body, undefined, {
      'content-type': contentType,
    });
    expect(elsewhere.status).toBe(415);
    expect(elsewhere.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const json = await t.request('POST', `${API_PREFIX}${ra.upload.path}`, JSON.stringify({ file: 'x' }));
    expect(json.status).toBe(415);
    expect(json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const noFile = await t.request('POST', `${API_PREFIX}${ra.upload.path}`, Buffer.from('--x\r\n\r\n--x--\r\n'), undefined, {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(noFile.status).toBe(400);
    expect(noFile.error.code).toBe('MALFORMED_REQUEST');
  });

  it(`takes at most ${MAX_REPORT_ATTACHMENTS} files a report, each once`, async () => {
    const ids = await Promise.all(
      Array.from({ length: MAX_REPORT_ATTACHMENTS + 1 }, async () => (await uploaded(t, await smallJpeg())).id),
    );
    const before = await reportCount();
    const tooMany = await file(ids);
    expect(tooMany.status).toBe(400);
    expect(tooMany.error.details).toEqual([{ field: 'body.attachments', message: `照片和文件最多${MAX_REPORT_ATTACHMENTS}个` }]);
    const twice = await file([ids[0]!, ids[0]!]);
    expect(twice.error.details).toEqual([{ field: 'body.attachments', message: '同一张照片只能添加一次' }]);
    expect(await reportCount()).toBe(before);
    const six = await file(ids.slice(0, MAX_REPORT_ATTACHMENTS));
    expect(six.status).toBe(201);
    const detail = (await t.call(contract.case.get, { params: { reportNo: six.body.reportNo } }, handler)).body;
    expect(detail.attachments.map((a) => a.name)).toEqual(['照片1.jpg', '照片2.jpg', '照片3.jpg', '照片4.jpg', '照片5.jpg', '照片6.jpg']);
  });

  it('refuses a filing naming an unknown, used or expired upload and stores nothing of it; a retry of a filing is answered as before', async () => {
    const good = (await uploaded(t, await smallJpeg())).id;
    const before = await reportCount();
    const unknown = await file([good, 'AAAAAAAAAAAAAAAAAAAAAAAA']);
    expect(unknown.status).toBe(409);
    expect(unknown.error).toMatchObject({ code: 'UPLOAD_NOT_FOUND', message: expect.stringContaining('请删去那张照片重新添加') });
    expect(await reportCount()).toBe(before);

    // The good id was not used up by the refused filing.
    const body = reportBody(home, { attachments: [good] });
    const first = await t.call(contract.report.create, { body });
    expect(first.status).toBe(201);
    const retry = await t.call(contract.report.create, { body });
    expect(retry.status).toBe(201);
    expect(retry.body.reportNo).toBe(first.body.reportNo);

    const used = await file([good]);
    expect(used.error.code).toBe('UPLOAD_NOT_FOUND');

    const late = (await uploaded(t, await smallJpeg())).id;
    t.clock.set(new Date(DEFAULT_NOW.getTime() + 24 * 3_600_000 + 1000));
    try {
      expect((await file([late])).error.code).toBe('UPLOAD_NOT_FOUND');
    } finally {
      t.clock.set(DEFAULT_NOW);
    }
    expect(await reportCount()).toBe(before + 1);
  });

  it("answers another township's handler as if the case did not exist, and village staff not at all", async () => {
    const id = (await uploaded(t, await smallJpeg())).id;
    const { reportNo } = (await file([id])).body;
    const [photo] = (await t.call(contract.case.get, { params: { reportNo } }, handler)).body.attachments;
    const other = await caseFile(reportNo, photo!.id, otherHandler);
    expect(other.status).toBe(404);
    expect(other.error.code).toBe('CASE_NOT_FOUND');
    expect((await caseFile(reportNo, photo!.id, publisher)).error.code).toBe('FORBIDDEN');
    expect((await t.request('GET', `${API_PREFIX}/staff/cases/${reportNo}/attachments/${photo!.id}`)).error.code).toBe('UNAUTHENTICATED');
    // An attachment of another case, under this case's number: not found.
    const elsewhere = (await file([(await uploaded(t, await smallJpeg())).id])).body.reportNo;
    const [foreign] = (await t.call(contract.case.get, { params: { reportNo: elsewhere } }, handler)).body.attachments;
    expect((await caseFile(reportNo, foreign!.id, handler)).error.code).toBe('ATTACHMENT_NOT_FOUND');
  });

  it('gives a township that sent the case up, or handed it to another township, neither the list of files nor a file', async () => {
    const act = (as: StaffFixture, reportNo: string, body: object) =>
      t.call(contract.case.act, { params: { reportNo }, body } as never, as) as Promise<{
        status: number;
        body: { attachments: unknown[] };
      }>;
    for (const step of [
      { action: 'transfer_up', reason: '涉及镇干部，应由县纪委办理' },
      { action: 'transfer_township', townshipCode: shimen.code, reason: '属于其他乡镇管辖' },
    ]) {
      const { reportNo } = (await file([(await uploaded(t, await smallJpeg())).id])).body;
      const [photo] = (await t.call(contract.case.get, { params: { reportNo } }, handler)).body.attachments;
      expect((await caseFile(reportNo, photo!.id, handler)).status).toBe(200);
      const moved = await act(handler, reportNo, step);
      expect(moved.status).toBe(200);
      expect(moved.body.attachments).toEqual([]);
      const after = await t.call(contract.case.get, { params: { reportNo } }, handler);
      if (after.status === 200) expect(after.body.attachments).toEqual([]);
      for (const size of [undefined, 'thumb'] as const) {
        const refused = await caseFile(reportNo, photo!.id, handler, size);
        expect(refused.status).toBe(404);
        expect(refused.error.code).toBe('CASE_NOT_FOUND');
      }
      // Whose case it now is still lists and opens it.
      const owner = step.action === 'transfer_up' ? countyStaff : otherHandler;
      expect((await t.call(contract.case.get, { params: { reportNo } }, owner)).body.attachments).toHaveLength(1);
      expect((await caseFile(reportNo, photo!.id, owner)).status).toBe(200);
    }
  });

  it('audits each opening of a full file by staff, not the thumbnails the case page shows', async () => {
    const { reportNo } = (await file([(await uploaded(t, await smallJpeg())).id])).body;
    const [photo] = (await t.call(contract.case.get, { params: { reportNo } }, handler)).body.attachments;
    const opened = async () =>
      (await t.call(contract.admin.auditLog, {}, admin)).body.items.filter(
        (e) => e.action === 'view_attachment' && e.reportNo === reportNo,
      );
    await caseFile(reportNo, photo!.id, handler, 'thumb');
    expect(await opened()).toEqual([]);
    await caseFile(reportNo, photo!.id, handler);
    expect(await opened()).toEqual([expect.objectContaining({ actionLabel: '查看反映人上传的照片或文件', actor: expect.any(String) })]);
  });

  it('keeps no address, user agent or device beside an anonymous report or its uploads', async () => {
    const headers = { 'user-agent': DEVICE, 'x-forwarded-for': ADDRESS, 'x-device-id': 'device-9f8e7d' };
    const answer = await uploadFile(t, await phonePhoto(320, 240), 'IMG_20260928_101230.jpg', headers);
    expect(answer.status).toBe(201);
    const { id } = answer.body as { id: string };
    const filed = await t.request(
      'POST',
      `${API_PREFIX}${contract.report.create.path}`,
      JSON.stringify(reportBody(home, { attachments: [id] })),
      undefined,
      headers,
    );
    expect(filed.status).toBe(201);
    const { reportNo } = filed.body as { reportNo: string };
    const [report] = await db.query<Record<string, unknown>[]>('SELECT * FROM reports WHERE report_no = ?', [reportNo]);
    const uploads = await db.query<Record<string, unknown>[]>('SELECT * FROM report_attachments WHERE report_id = ?', [report!.id]);
    expect(uploads).toHaveLength(1);
    const stored = JSON.stringify([report, uploads]);
    for (const trace of [ADDRESS, '127.0.0.1', 'ABC123XYZ', 'QingshuiPhone', 'device-9f8e7d', 'IMG_20260928', id])
      expect(stored).not.toContain(trace);
    expect(Object.keys(uploads[0]!).sort()).toEqual(
      ['attached_at', 'byte_size', 'content_type', 'created_at', 'id', 'report_id', 'storage_key', 'thumbnail_key', 'upload_hash'].sort(),
    );
  });

  it('removes uploads no filing used within a day, with their files, and keeps those that were', async () => {
    const service = t.app.get(ReportAttachmentService);
    await service.removeUnused();
    const kept = (await uploaded(t, await smallJpeg())).id;
    await file([kept]);
    const unused = await uploaded(t, await smallJpeg());
    const files = storedFiles(t.config.uploadDir).length;
    const pending = async () => countOf('SELECT COUNT(*) AS n FROM report_attachments WHERE report_id IS NULL');
    expect(await pending()).toBeGreaterThan(0);

    t.clock.set(new Date(DEFAULT_NOW.getTime() + 23 * 3_600_000));
    expect(await service.removeUnused()).toBe(0);
    t.clock.set(new Date(DEFAULT_NOW.getTime() + 25 * 3_600_000));
    try {
      expect(await service.removeUnused()).toBeGreaterThan(0);
    } finally {
      t.clock.set(DEFAULT_NOW);
    }
    expect(await pending()).toBe(0);
    // The unused photo and its small copy are gone; the filed ones are all still there.
    expect(storedFiles(t.config.uploadDir).length).toBeLessThanOrEqual(files - 2);
    expect((await file([unused.id])).error.code).toBe('UPLOAD_NOT_FOUND');
    const attached = await countOf('SELECT COUNT(*) AS n FROM report_attachments WHERE report_id IS NOT NULL');
    expect(attached).toBeGreaterThan(0);
  });

  it('removes stored files no row names once a day old, a slice of the store per run, and never a file a row names', async () => {
    const service = t.app.get(ReportAttachmentService);
    const storage = t.app.get(FileStorage);
    const exists = (key: string) => existsSync(join(t.config.uploadDir, key));
    const rows = () =>
      db.query<{ storage_key: string; thumbnail_key: string | null }[]>('SELECT storage_key, thumbnail_key FROM report_attachments');
    const keysOf = (row: { storage_key: string; thumbnail_key: string | null }) => [
      row.storage_key,
      ...(row.thumbnail_key ? [row.thumbnail_key] : []),
    ];
    // A report's photo, a pending upload, and an upload whose row went while its files stayed (a crash before they were removed).
    await file([(await uploaded(t, await smallJpeg())).id]);
    const pending = await uploaded(t, await smallJpeg());
    const before = new Set((await rows()).map((row) => row.storage_key));
    await uploaded(t, await smallJpeg());
    const rowless = (await rows()).find((row) => !before.has(row.storage_key))!;
    await db.query('DELETE FROM report_attachments WHERE storage_key = ?', [rowless.storage_key]);
    // Files whose rows a crash kept from being committed (more than one run looks at), a write cut short, a young one.
    const crashed = Array.from({ length: ORPHAN_SCAN_BATCH + 5 }, (_, i) => `reports/2026/09/crash${String(i).padStart(4, '0')}.jpg`);
    for (const key of crashed) await storage.put(key, Buffer.from('sealed bytes'), 'application/octet-stream');
    const cut = 'reports/2026/09/cut.jpg.0123456789ab.partial';
    await storage.put(cut, Buffer.from('half'), 'application/octet-stream');
    await storage.put('reports/2026/09/young.jpg', Buffer.from('sealed bytes'), 'application/octet-stream');
    // Another area of the store (三务公开's files): not this sweep's.
    await storage.put('disclosures/2026/09/other.jpg', Buffer.from('public bytes'), 'image/jpeg');
    const named = (await rows()).flatMap(keysOf);
    const age = (path: string, ms: number) => {
      const at = new Date(t.clock.now().getTime() - ms);
      utimesSync(path, at, at);
    };
    for (const path of storedFiles(t.config.uploadDir)) age(path, 2 * 86_400_000);
    age(join(t.config.uploadDir, 'reports/2026/09/young.jpg'), 23 * 3_600_000);
    const orphans = [...crashed, ...keysOf(rowless), cut];

    // One run looks at ORPHAN_SCAN_BATCH files at most.
    const first = await service.removeOrphanedFiles();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(ORPHAN_SCAN_BATCH);
    expect(orphans.filter(exists).length).toBeGreaterThanOrEqual(orphans.length - ORPHAN_SCAN_BATCH);
    await service.removeOrphanedFiles();
    await service.removeOrphanedFiles();
    expect(orphans.filter(exists)).toEqual([]);
    // Every file a row names is still there, and the young file and the other area's.
    expect(named.length).toBeGreaterThanOrEqual(4);
    expect(named.filter((key) => !exists(key))).toEqual([]);
    expect(exists('reports/2026/09/young.jpg')).toBe(true);
    expect(exists('disclosures/2026/09/other.jpg')).toBe(true);
    expect(await service.removeOrphanedFiles()).toBe(0);
    expect(await service.removeOrphanedFiles()).toBe(0);
    // The pending upload still files.
    expect((await file([pending.id])).status).toBe(201);
    await storage.delete('reports/2026/09/young.jpg');
    await storage.delete('disclosures/2026/09/other.jpg');
  });

  it('keeps the stored-file columns of both attachment tables as the migrations made them', async () => {
    const runner = db.createQueryRunner();
    try {
      for (const entity of [ReportAttachmentEntity, DisclosureAttachmentEntity]) {
        const metadata = db.getMetadata(entity);
        const table = (await runner.getTable(metadata.tableName))!;
        expect(metadata.columns.map((c) => c.databaseName).sort()).toEqual(table.columns.map((c) => c.name).sort());
        for (const name of ['content_type', 'byte_size', 'storage_key', 'thumbnail_key']) {
          const column = table.findColumnByName(name)!;
          const declared = metadata.findColumnWithDatabaseName(name)!;
          expect({ name, nullable: declared.isNullable, length: declared.length }).toEqual({
            name,
            nullable: column.isNullable,
            length: column.length,
          });
        }
      }
    } finally {
      await runner.release();
    }
  });

  it('limits uploads per address', async () => {
    t.clock.set(new Date(DEFAULT_NOW.getTime() + 3 * 3_600_000));
    try {
      const photo = await smallJpeg();
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await uploadFile(t, photo, 'p.jpg')).status);
      expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
      const refused = await uploadFile(t, photo, 'p.jpg');
      expect(refused.status).toBe(429);
      expect(refused.error.code).toBe('RATE_LIMITED');
      // Refused before its body is read: of a 10 MB body the server pulls no more than a stream's first buffer.
      const big = slowBody(MAX_ATTACHMENT_BYTES);
      const answer = await t.app.inject({ method: 'POST', url: UPLOAD_PATH, headers: big.headers, payload: big.stream });
      expect(answer.statusCode).toBe(429);
      expect(answer.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.any(String) });
      expect(big.pulled()).toBeLessThan(256 * 1024);
    } finally {
      t.clock.set(DEFAULT_NOW);
    }
  });

  it(`reads at most ${MAX_UPLOADS_READ_AT_ONCE} upload bodies at once, and asks the next to wait, never failing`, async () => {
    t.clock.set(new Date(DEFAULT_NOW.getTime() + 6 * 3_600_000));
    try {
      // Bodies still on their way: each sends its first part and then waits.
      const pending = Array.from({ length: MAX_UPLOADS_READ_AT_ONCE }, () => slowBody(1024 * 1024, 64 * 1024));
      const answers = pending.map((b) => t.app.inject({ method: 'POST', url: UPLOAD_PATH, headers: b.headers, payload: b.stream }));
      for (let i = 0; i < 50 && pending.some((b) => b.pulled() === 0); i++) await new Promise((r) => setTimeout(r, 20));
      const busy = await uploadFile(t, await smallJpeg(), 'p.jpg');
      expect(busy.status).toBe(429);
      expect(busy.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.any(String) });
      for (const b of pending) b.finish();
      expect((await Promise.all(answers)).map((a) => a.statusCode)).toEqual(Array(MAX_UPLOADS_READ_AT_ONCE).fill(400));
      expect((await uploadFile(t, await smallJpeg(), 'p.jpg')).status).toBe(201);
    } finally {
      t.clock.set(DEFAULT_NOW);
    }
  });
});
