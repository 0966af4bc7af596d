import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { attachmentName, cleanUpload, MAX_IMAGE_SIDE, sniffType } from './clean-upload.js';
import { DomainError } from '../domain-error.js';

const codeOf = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'ok';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

describe('sniffType', () => {
  it('knows JPEG, PNG, WebP and PDF by their first bytes, and nothing else', async () => {
    const blank = sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } });
    expect(sniffType(await blank.clone().jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffType(await blank.clone().png().toBuffer())).toBe('image/png');
    expect(sniffType(await blank.clone().webp().toBuffer())).toBe('image/webp');
    expect(sniffType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffType(await blank.clone().gif().toBuffer())).toBeNull();
    expect(sniffType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffType(Buffer.from('PK\u0003\u0004'))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
  });
});

describe('cleanUpload', () => {
  it('keeps PNG as PNG, turns WebP into JPEG, or PNG when it is transparent', async () => {
    const opaque = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#336699' } })
      .webp()
      .toBuffer();
    const clear = await sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.2 } } })
      .webp({ lossless: true })
      .toBuffer();
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    expect((await cleanUpload(opaque)).type).toBe('image/jpeg');
    expect((await cleanUpload(clear)).type).toBe('image/png');
    const cleaned = await cleanUpload(png);
    expect(cleaned.type).toBe('image/png');
    expect(sniffType(cleaned.thumbnail!)).toBe('image/jpeg');
  });

  it('scales a large picture down to the longest side allowed, and never enlarges a small one', async () => {
    const wide = await sharp({ create: { width: 5000, height: 1000, channels: 3, background: '#aaa' } })
      .jpeg()
      .toBuffer();
    const small = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#aaa' } })
      .jpeg()
      .toBuffer();
    const big = await sharp((await cleanUpload(wide)).bytes).metadata();
    expect([big.width, big.height]).toEqual([MAX_IMAGE_SIDE, 512]);
    const kept = await sharp((await cleanUpload(small)).bytes).metadata();
    expect([kept.width, kept.height]).toEqual([200, 100]);
  });

  it('drops PNG text chunks and ICC profiles along with EXIF', async () => {
    const tagged = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#123456' } })
      .png()
      .withMetadata({ icc: 'p3' })
      .withExif({ IFD0: { Artist: '王大山', Copyright: 'QS' } })
      .toBuffer();
    const before = await sharp(tagged).metadata();
    expect(before.icc).toBeDefined();
    expect(before.exif).toBeDefined();
    const after = await sharp((await cleanUpload(tagged)).bytes).metadata();
    expect([after.icc, after.exif, after.xmp, after.iptc, after.comments]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('refuses what is not a picture or a PDF, a picture that does not decode, and one of too many pixels', async () => {
    expect(await codeOf(cleanUpload(Buffer.from('GIF89a')))).toBe('ATTACHMENT_TYPE_UNSUPPORTED');
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#f00' } })
      .jpeg()
      .toBuffer();
    expect(await codeOf(cleanUpload(jpeg.subarray(0, jpeg.length / 2)))).toBe('ATTACHMENT_UNREADABLE');
    // A PNG that claims to be a WebP inside a RIFF header.
    expect(await codeOf(cleanUpload(Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), jpeg])))).toBe('ATTACHMENT_UNREADABLE');
    // 12,000 × 12,000 of one colour is a small file that would unpack to 400 MB.
    const bomb = await sharp({ create: { width: 12_000, height: 12_000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await codeOf(cleanUpload(bomb))).toBe('ATTACHMENT_TOO_LARGE');
  });

  it('keeps a PDF byte for byte', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
    const cleaned = await cleanUpload(pdf);
    expect(cleaned).toEqual({ type: 'application/pdf', bytes: pdf, thumbnail: null });
  });
});

describe('attachmentName', () => {
  it('keeps the last part of a path, masks personal numbers and ends in the stored type', () => {
    expect(attachmentName('C:\\Users\\cw\\凭证.JPEG', 'image/jpeg')).toBe('凭证.jpg');
    expect(attachmentName('/tmp/../收据.webp', 'image/jpeg')).toBe('收据.jpg');
    expect(attachmentName('王大山341821199003074538.png', 'image/png')).toBe('王大山3418**********4538.png');
    expect(attachmentName('联系13955667788.pdf', 'application/pdf')).toBe('联系139****7788.pdf');
  });

  it('removes characters that turn text around or hide, and names a nameless file by its type', () => {
    expect(attachmentName('invoice\u202Egpj.exe', 'application/pdf')).toBe('invoicegpj.pdf');
    expect(attachmentName('a\u0000b\nc.jpg', 'image/jpeg')).toBe('abc.jpg');
    expect(attachmentName('.jpg', 'image/jpeg')).toBe('照片.jpg');
    expect(attachmentName('   ', 'application/pdf')).toBe('文件.pdf');
    expect(attachmentName(`${'很长的名字'.repeat(30)}.jpg`, 'image/jpeg')).toHaveLength(64);
  });
});
