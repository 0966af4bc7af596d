import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { contract, type DisclosureDraft } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { FileStorage } from '../src/common/storage/file-storage.js';
import { ORPHAN_SCAN_BATCH } from '../src/common/storage/orphaned-files.js';
import { DisclosureFileSweep } from '../src/modules/publishing/disclosure-file-sweep.js';
import { county, type Region, smallJpeg, smallPdf, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const p = contract.publishing;
const DRAFT: DisclosureDraft = {
  kind: 'finance',
  type: 'other',
  title: '村道维修工程付款凭证',
  period: '2026-09',
  body: '附付款凭证照片。',
  table: null,
};

/** Every file under a directory. */
function storedFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile());
}

interface KeyRow {
  storage_key: string;
  thumbnail_key: string | null;
}
const keysOf = (row: KeyRow) => [row.storage_key, ...(row.thumbnail_key ? [row.thumbnail_key] : [])];

describe.each(DATABASE_KINDS)('disclosure files no row names, on %s', (kind) => {
  let t: TestApp;
  let db: DataSource;
  let home: Region;
  let publisher: StaffFixture;
  let supervisor: StaffFixture;

  beforeAll(async () => {
    t = await startTestApp(kind);
    db = t.app.get(DataSource);
    const qingshui = await county(t);
    const taoyuan = await township(t, qingshui, { name: '桃源镇' });
    home = await village(t, taoyuan, { name: '东山村' });
    publisher = await staffAccount(t, 'village_publisher', home, { displayName: '王报账' });
    supervisor = await staffAccount(t, 'village_supervisor', home, { displayName: '李监督' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const draft = async () => (await t.call(p.create, { body: DRAFT }, publisher)).body.id;
  const upload = async (id: number, fileName: string, bytes: Buffer) => {
    const answer = await t.call(
      p.uploadAttachment,
      { params: { id }, body: { fileName, contentBase64: bytes.toString('base64') } },
      publisher,
    );
    expect(answer.status).toBe(201);
    return answer.body;
  };
  const publish = async (id: number) => {
    expect((await t.call(p.submit, { params: { id } }, publisher)).ok).toBe(true);
    expect((await t.call(p.cosign, { params: { id } }, supervisor)).ok).toBe(true);
  };
  const publicRead = (id: number, attachmentId: number, size?: 'thumb') =>
    t.call(contract.village.disclosureAttachment, { params: { id, attachmentId }, ...(size ? { query: { size } } : {}) });
  const rows = () => db.query<KeyRow[]>('SELECT storage_key, thumbnail_key FROM disclosure_attachments');

  it('removes disclosure files no row names once a day old, a slice of the store per run, and keeps every file a row names', async () => {
    const sweep = t.app.get(DisclosureFileSweep);
    const storage = t.app.get(FileStorage);
    const exists = (key: string) => existsSync(join(t.config.uploadDir, key));

    // A published photo, named by the published version and by its correction's draft; the correction's row is
    // then lost: the published version's row still names the file.
    const published = await draft();
    await upload(published, '收据.jpg', await smallJpeg('#2e86c1'));
    await publish(published);
    const [photo] = (await t.call(contract.village.disclosure, { params: { id: published } })).body.attachments;
    const correction = (await t.call(p.correct, { params: { id: published }, body: { reason: '补充说明' } }, publisher)).body;
    const carried = correction.open!.attachments[0]!;
    await db.query('DELETE FROM disclosure_attachments WHERE id = ?', [carried.id]);
    // A draft's PDF (no thumbnail), and a draft's photo whose row went while its files stayed (a crash before they were removed).
    const pending = await draft();
    await upload(pending, '合同.pdf', smallPdf());
    const before = new Set((await rows()).map((row) => row.storage_key));
    await upload(pending, '临时.jpg', await smallJpeg('#28b463'));
    const rowless = (await rows()).find((row) => !before.has(row.storage_key))!;
    expect(rowless.thumbnail_key).not.toBeNull();
    await db.query('DELETE FROM disclosure_attachments WHERE storage_key = ?', [rowless.storage_key]);

    // Files whose rows a crash kept from being committed (more than one run looks at), a write cut short, a young one.
    const crashed = Array.from({ length: ORPHAN_SCAN_BATCH + 5 }, (_, i) => `disclosures/2026/09/crash${String(i).padStart(4, '0')}.jpg`);
    for (const key of crashed) await storage.put(key, Buffer.from('public bytes'), 'image/jpeg');
    const cut = 'disclosures/2026/09/cut.jpg.0123456789ab.partial';
    await storage.put(cut, Buffer.from('half'), 'application/octet-stream');
    await storage.put('disclosures/2026/09/young.jpg', Buffer.from('public bytes'), 'image/jpeg');
    // Another area of the store (reporters' files): not this sweep's.
    await storage.put('reports/2026/09/other.jpg', Buffer.from('sealed bytes'), 'application/octet-stream');
    const named = (await rows()).flatMap(keysOf);
    const age = (path: string, ms: number) => {
      const at = new Date(t.clock.now().getTime() - ms);
      utimesSync(path, at, at);
    };
    for (const path of storedFiles(t.config.uploadDir)) age(path, 2 * 86_400_000);
    age(join(t.config.uploadDir, 'disclosures/2026/09/young.jpg'), 23 * 3_600_000);
    // The published photo's file is young while its thumbnail is old: the thumbnail is kept for its own row's naming it.
    const [photoRow] = (await rows()).filter((row) => row.thumbnail_key);
    age(join(t.config.uploadDir, photoRow!.storage_key), 23 * 3_600_000);
    const orphans = [...crashed, ...keysOf(rowless), cut];

    // One run looks at ORPHAN_SCAN_BATCH files at most.
    const first = await sweep.removeOrphanedFiles();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(ORPHAN_SCAN_BATCH);
    expect(orphans.filter(exists).length).toBeGreaterThanOrEqual(orphans.length - ORPHAN_SCAN_BATCH);
    await sweep.removeOrphanedFiles();
    await sweep.removeOrphanedFiles();
    expect(orphans.filter(exists)).toEqual([]);
    // Every file a row names is still there (the photo, its thumbnail, the PDF), and the young file and the other area's.
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(named.filter((key) => !exists(key))).toEqual([]);
    expect(exists('disclosures/2026/09/young.jpg')).toBe(true);
    expect(exists('reports/2026/09/other.jpg')).toBe(true);
    expect(await sweep.removeOrphanedFiles()).toBe(0);
    expect(await sweep.removeOrphanedFiles()).toBe(0);
    // The public still reads the published photo and its thumbnail; the draft still lists its PDF.
    expect((await publicRead(published, photo!.id)).status).toBe(200);
    expect((await publicRead(published, photo!.id, 'thumb')).status).toBe(200);
    const staff = (await t.call(p.get, { params: { id: pending } }, publisher)).body;
    expect(staff.open!.attachments.map((a) => a.name)).toEqual(['合同.pdf']);
    await storage.delete('disclosures/2026/09/young.jpg');
    await storage.delete('reports/2026/09/other.jpg');
  });

  it('finds a row by its thumbnail key through an index, as by its storage key', async () => {
    const runner = db.createQueryRunner();
    try {
      const table = (await runner.getTable('disclosure_attachments'))!;
      const indexed = table.indices.map((index) => index.columnNames.join(','));
      expect(indexed).toEqual(expect.arrayContaining(['storage_key', 'thumbnail_key']));
    } finally {
      await runner.release();
    }
  });
});
