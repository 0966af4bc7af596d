import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { API_PREFIX, contract, type DisclosureDraft, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_VERSION } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import {
  county,
  hasGpsPosition,
  PHONE_MAKE,
  phonePhoto,
  readExif,
  type Region,
  smallJpeg,
  smallPdf,
  type StaffFixture,
  staffAccount,
  TAG_MAKE,
  TAG_ORIENTATION,
  township,
  village,
} from './factories/index.js';
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
const base64 = (bytes: Buffer) => bytes.toString('base64');

/** Every file under a directory, with its bytes. */
function storedFiles(directory: string): { path: string; bytes: Buffer }[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

describe.each(DATABASE_KINDS)('disclosure attachments on %s', (kind) => {
  let t: TestApp;
  let home: Region;
  let publisher: StaffFixture;
  let supervisor: StaffFixture;
  let handler: StaffFixture;
  let neighbourPublisher: StaffFixture;
  let otherHandler: StaffFixture;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingshui = await county(t);
    const taoyuan = await township(t, qingshui, { name: '桃源镇' });
    home = await village(t, taoyuan, { name: '东山村' });
    const xihe = await village(t, taoyuan, { name: '西河村' });
    const shimen = await township(t, qingshui, { name: '石门乡' });
    publisher = await staffAccount(t, 'village_publisher', home, { displayName: '王报账' });
    supervisor = await staffAccount(t, 'village_supervisor', home, { displayName: '李监督' });
    handler = await staffAccount(t, 'township_handler', taoyuan);
    neighbourPublisher = await staffAccount(t, 'village_publisher', xihe);
    otherHandler = await staffAccount(t, 'township_handler', shimen);
  });
  afterAll(async () => {
    await t?.close();
  });

  const draft = async () => (await t.call(p.create, { body: DRAFT }, publisher)).body.id;
  const upload = (id: number, fileName: string, bytes: Buffer, as: StaffFixture = publisher) =>
    t.call(p.uploadAttachment, { params: { id }, body: { fileName, contentBase64: base64(bytes) } }, as);
  const publish = async (id: number) => {
    expect((await t.call(p.submit, { params: { id } }, publisher)).ok).toBe(true);
    expect((await t.call(p.cosign, { params: { id } }, supervisor)).ok).toBe(true);
  };
  const staffRead = (id: number, attachmentId: number, as: StaffFixture) => t.call(p.attachment, { params: { id, attachmentId } }, as);
  const publicRead = (id: number, attachmentId: number, size?: 'thumb') =>
    t.call(contract.village.disclosureAttachment, { params: { id, attachmentId }, ...(size ? { query: { size } } : {}) });

  it('stores a phone photo upright, scaled and re-encoded, with no EXIF, GPS position or maker left in it', async () => {
    const photo = await phonePhoto(3200, 2400);
    // The photo really carries what must go: its position, its maker, its orientation.
    const before = await sharp(photo).metadata();
    const tags = readExif(before.exif);
    expect(hasGpsPosition(tags)).toBe(true);
    expect(tags?.ifd0.has(TAG_MAKE)).toBe(true);
    expect(tags?.ifd0.get(TAG_ORIENTATION)?.value).toBe(6);
    expect(photo.includes(PHONE_MAKE)).toBe(true);

    const id = await draft();
    const before_files = storedFiles(t.config.uploadDir).length;
    const added = await upload(id, '付款凭证.JPEG', photo);
    expect(added.status).toBe(201);
    const [attachment] = added.body.open!.attachments;
    expect(attachment).toMatchObject({ name: '付款凭证.jpg', type: 'image/jpeg' });
    expect(added.body.history.map((h) => [h.action, h.comment])).toContainEqual(['添加附件', '付款凭证.jpg']);

    const read = await staffRead(id, attachment!.id, publisher);
    expect(read.status).toBe(200);
    expect(read.headers['content-type']).toBe('image/jpeg');
    expect(read.headers['x-content-type-options']).toBe('nosniff');
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.headers['content-disposition']).toBe(
      `inline; filename="attachment.jpg"; filename*=UTF-8''${encodeURIComponent('付款凭证.jpg')}`,
    );
    expect(read.raw.length).toBe(attachment!.size);

    const after = await sharp(read.raw).metadata();
    expect(after.format).toBe('jpeg');
    // Turned upright (the sensor's 3200 × 2400 viewed as 2400 × 3200), then scaled to 2560 on the long side.
    expect([after.width, after.height]).toEqual([1920, 2560]);
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(readExif(after.exif)).toBeNull();
    expect(read.raw.includes('Exif')).toBe(false);
    expect(read.raw.includes(PHONE_MAKE)).toBe(false);

    // What is on disk is the re-encoded photo and its small copy; the original's bytes are nowhere.
    const files = storedFiles(t.config.uploadDir);
    expect(files.length).toBe(before_files + 2);
    for (const file of files) {
      expect(file.bytes.includes(PHONE_MAKE)).toBe(false);
      expect(file.bytes.includes('Exif')).toBe(false);
    }
  });

  it('reads the type from the bytes: a text file named .jpg is refused, so is a broken photo, and nothing is stored', async () => {
    const id = await draft();
    const files = storedFiles(t.config.uploadDir).length;
    const text = await upload(id, '发票.jpg', Buffer.from('这不是照片，是一段文字。', 'utf8'));
    expect(text.status).toBe(422);
    expect(text.error).toEqual({
      code: 'ATTACHMENT_TYPE_UNSUPPORTED',
      message: '只能添加照片（JPG、PNG、WebP）或 PDF 文件，这个文件的内容不是这几种',
    });
    const html = await upload(id, '凭证.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.error.code).toBe('ATTACHMENT_TYPE_UNSUPPORTED');
    const photo = await smallJpeg();
    const broken = await upload(id, '坏照片.jpg', Buffer.concat([photo.subarray(0, 20), Buffer.alloc(200, 7)]));
    expect(broken.status).toBe(422);
    expect(broken.error.code).toBe('ATTACHMENT_UNREADABLE');
    const empty = await upload(id, '空.jpg', Buffer.alloc(0));
    expect(empty.error.code).toBe('VALIDATION_FAILED');
    expect(storedFiles(t.config.uploadDir).length).toBe(files);
    expect((await t.call(p.get, { params: { id } }, publisher)).body.open?.attachments).toEqual([]);
  });

  it(`takes a file of exactly ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB and refuses one byte more, with its own code`, async () => {
    const id = await draft();
    const pdf = smallPdf();
    const padded = (size: number) => Buffer.concat([pdf, Buffer.alloc(size - pdf.length, 0x20)]);
    const fits = await upload(id, '合同扫描件.pdf', padded(MAX_ATTACHMENT_BYTES));
    expect(fits.status).toBe(201);
    const tooBig = await upload(id, '合同扫描件（大）.pdf', padded(MAX_ATTACHMENT_BYTES + 1));
    expect(tooBig.status).toBe(413);
    expect(tooBig.error).toEqual({ code: 'ATTACHMENT_TOO_LARGE', message: '文件太大了：每个文件不能超过10MB，请压缩后再添加' });
    expect((await t.call(p.get, { params: { id } }, publisher)).body.open?.attachments.map((a) => a.name)).toEqual(['合同扫描件.pdf']);
  });

  it(`takes ${MAX_ATTACHMENTS_PER_VERSION} files on a version and refuses the next`, async () => {
    const id = await draft();
    const photo = await smallJpeg();
    for (let i = 1; i <= MAX_ATTACHMENTS_PER_VERSION; i++) expect((await upload(id, `凭证${i}.jpg`, photo)).status).toBe(201);
    const more = await upload(id, '凭证21.jpg', photo);
    expect(more.status).toBe(409);
    expect(more.error).toEqual({ code: 'ATTACHMENT_LIMIT_REACHED', message: '附件最多20个，已经满了；请先删去不需要的再添加' });
    const attachments = (await t.call(p.get, { params: { id } }, publisher)).body.open!.attachments;
    expect(attachments).toHaveLength(MAX_ATTACHMENTS_PER_VERSION);
    // Removing one makes room again.
    expect((await t.call(p.deleteAttachment, { params: { id, attachmentId: attachments[0]!.id } }, publisher)).ok).toBe(true);
    expect((await upload(id, '凭证21.jpg', photo)).status).toBe(201);
  });

  it('keeps a draft’s files from the public and from other villages, and shows them to the township', async () => {
    const id = await draft();
    const { id: attachmentId } = (await upload(id, '凭证.jpg', await smallJpeg())).body.open!.attachments[0]!;

    const anonymous = await publicRead(id, attachmentId);
    expect(anonymous.status).toBe(404);
    expect(anonymous.error.code).toBe('ATTACHMENT_NOT_FOUND');
    const township = await staffRead(id, attachmentId, handler);
    expect(township.status).toBe(200);
    expect(township.headers['cache-control']).toBe('no-store');
    expect((await staffRead(id, attachmentId, supervisor)).status).toBe(200);

    // Another village's publisher and another township's handler: as if the disclosure did not exist.
    for (const outsider of [neighbourPublisher, otherHandler]) {
      const read = await staffRead(id, attachmentId, outsider);
      expect(read.status).toBe(404);
      expect(read.error.code).toBe('DISCLOSURE_NOT_FOUND');
    }
    const foreignUpload = await upload(id, '外村.jpg', await smallJpeg(), neighbourPublisher);
    expect(foreignUpload.status).toBe(404);
    expect(foreignUpload.error.code).toBe('DISCLOSURE_NOT_FOUND');
    const foreignDelete = await t.call(p.deleteAttachment, { params: { id, attachmentId } }, neighbourPublisher);
    expect(foreignDelete.error.code).toBe('DISCLOSURE_NOT_FOUND');
    // The supervisor and the township read; only the publisher adds.
    expect((await upload(id, '监委.jpg', await smallJpeg(), supervisor)).error.code).toBe('FORBIDDEN');
    expect((await t.call(p.get, { params: { id } }, publisher)).body.open?.attachments).toHaveLength(1);
  });

  it('publishes the files with their version: public, cached, a photo inline with a small copy, a PDF as a download kept byte for byte', async () => {
    const id = await draft();
    const pdf = smallPdf();
    await upload(id, '验收报告.pdf', pdf);
    await upload(
      id,
      '现场照片.png',
      await sharp(await phonePhoto(600, 450))
        .png()
        .toBuffer(),
    );
    const [report, photo] = (await t.call(p.get, { params: { id } }, publisher)).body.open!.attachments;
    expect(report).toEqual({ id: report!.id, name: '验收报告.pdf', type: 'application/pdf', size: pdf.length });
    expect(photo).toMatchObject({ name: '现场照片.png', type: 'image/png' });
    // Submitted: waiting for the co-signature, the files can no longer change.
    expect((await t.call(p.submit, { params: { id } }, publisher)).ok).toBe(true);
    expect((await upload(id, '迟到.jpg', await smallJpeg())).error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await t.call(p.deleteAttachment, { params: { id, attachmentId: report!.id } }, publisher)).error.code).toBe(
      'ACTION_NOT_ALLOWED',
    );
    expect((await publicRead(id, report!.id)).status).toBe(404);
    expect((await t.call(p.cosign, { params: { id } }, supervisor)).ok).toBe(true);

    const page = (await t.call(contract.village.disclosure, { params: { id } })).body;
    expect(page.attachments).toEqual([report, photo]);
    const file = await publicRead(id, report!.id);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('验收报告.pdf')}`,
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('public, max-age=3600');
    expect(file.raw.equals(pdf)).toBe(true);

    const image = await publicRead(id, photo!.id);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toMatch(/^inline; /);
    expect((await sharp(image.raw).metadata()).exif).toBeUndefined();
    const thumb = await publicRead(id, photo!.id, 'thumb');
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const small = await sharp(thumb.raw).metadata();
    expect([small.width, small.height]).toEqual([480, 360]);
    expect(thumb.raw.length).toBeLessThan(image.raw.length);

    // Not another disclosure's file under this one's id, nor an id that was never given.
    const other = await draft();
    expect((await publicRead(other, photo!.id)).status).toBe(404);
    expect((await publicRead(id, 999_999)).error.code).toBe('ATTACHMENT_NOT_FOUND');
    const malformed = await t.request('GET', `${API_PREFIX}/disclosures/${id}/attachments/abc`);
    expect(malformed.status).toBe(400);
  });

  it('carries the files into a correction, which may change them without touching the published version', async () => {
    const id = await draft();
    await upload(id, '收据一.jpg', await smallJpeg('#2e86c1'));
    await upload(id, '收据二.jpg', await smallJpeg('#28b463'));
    await publish(id);
    const published = (await t.call(contract.village.disclosure, { params: { id } })).body.attachments;
    expect(published.map((a) => a.name)).toEqual(['收据一.jpg', '收据二.jpg']);

    const correction = (await t.call(p.correct, { params: { id }, body: { reason: '收据二拍错了，换一张' } }, publisher)).body;
    const carried = correction.open!.attachments;
    expect(carried.map((a) => a.name)).toEqual(['收据一.jpg', '收据二.jpg']);
    // The published version's files are not the draft's to remove.
    const publishedRemoval = await t.call(p.deleteAttachment, { params: { id, attachmentId: published[1]!.id } }, publisher);
    expect(publishedRemoval.error.code).toBe('ACTION_NOT_ALLOWED');

    const files = storedFiles(t.config.uploadDir).length;
    const removed = await t.call(p.deleteAttachment, { params: { id, attachmentId: carried[1]!.id } }, publisher);
    expect(removed.body.open!.attachments.map((a) => a.name)).toEqual(['收据一.jpg']);
    expect(removed.body.history.map((h) => [h.action, h.comment])).toContainEqual(['删除附件', '收据二.jpg']);
    // Still the published version's: its bytes stay, and the public still reads it.
    expect(storedFiles(t.config.uploadDir).length).toBe(files);
    expect((await publicRead(id, published[1]!.id)).status).toBe(200);
    await upload(id, '收据二（重拍）.jpg', await smallJpeg('#f1c40f'));
    await publish(id);

    const page = (await t.call(contract.village.disclosure, { params: { id } })).body;
    expect(page.versionNo).toBe(2);
    expect(page.attachments.map((a) => a.name)).toEqual(['收据一.jpg', '收据二（重拍）.jpg']);
    const first = (await t.call(contract.village.disclosureVersion, { params: { id, versionNo: 1 } })).body;
    expect(first.attachments).toEqual(published);
    expect((await publicRead(id, published[1]!.id)).status).toBe(200);
    const staff = (await t.call(p.get, { params: { id } }, handler)).body;
    expect(staff.versions.map((v) => v.attachments.length)).toEqual([2, 2]);
  });

  it('removes a draft’s own file from the store with its last row, and hides a withdrawn disclosure’s files', async () => {
    const id = await draft();
    const files = storedFiles(t.config.uploadDir).length;
    const added = (await upload(id, '临时.jpg', await smallJpeg())).body.open!.attachments[0]!;
    expect(storedFiles(t.config.uploadDir).length).toBe(files + 2);
    expect((await t.call(p.deleteAttachment, { params: { id, attachmentId: added.id } }, publisher)).ok).toBe(true);
    expect(storedFiles(t.config.uploadDir).length).toBe(files);
    const again = await t.call(p.deleteAttachment, { params: { id, attachmentId: added.id } }, publisher);
    expect(again.status).toBe(404);
    expect(again.error.code).toBe('ATTACHMENT_NOT_FOUND');

    const kept = (await upload(id, '凭证.jpg', await smallJpeg())).body.open!.attachments[0]!;
    await publish(id);
    expect((await publicRead(id, kept.id)).status).toBe(200);
    expect((await t.call(p.withdraw, { params: { id }, body: { reason: '重复公开了同一事项' } }, publisher)).ok).toBe(true);
    expect((await t.call(p.cosign, { params: { id } }, supervisor)).ok).toBe(true);
    expect((await t.call(contract.village.disclosure, { params: { id } })).body.attachments).toEqual([]);
    expect((await publicRead(id, kept.id)).status).toBe(404);
    // Staff still read what was published, as they read the rest of its history.
    expect((await staffRead(id, kept.id, handler)).status).toBe(200);
  });

  it('names a file without the full ID or phone numbers in its name, with the extension of what was stored', async () => {
    const id = await draft();
    const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888888' } })
      .webp()
      .toBuffer();
    const named = await upload(id, 'C:\\照片\\王大山341821199003074538补贴13955667788.webp', webp);
    expect(named.body.open!.attachments[0]).toMatchObject({ name: '王大山3418**********4538补贴139****7788.jpg', type: 'image/jpeg' });
  });
});
