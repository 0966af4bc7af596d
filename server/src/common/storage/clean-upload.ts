import { basename } from 'node:path';
import { type AttachmentType, MAX_ATTACHMENT_BYTES, maskPersonalNumbers } from '@mashang/shared';
import sharp, { type Metadata } from 'sharp';
import { DomainError } from '../domain-error.js';

/** What a file's first bytes say it is; the name and the type the client claims are never asked. */
export type SniffedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

const startsWith = (bytes: Buffer, signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function sniffType(bytes: Buffer): SniffedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

/** The longer side of a stored photo: vouchers stay legible when zoomed, and a photo stays near 1 MB. */
export const MAX_IMAGE_SIDE = 2560;
/** The longer side of the small copy a list shows. */
export const THUMBNAIL_SIDE = 480;
/** Images larger than this many pixels are refused before decoding (a small file can unpack to gigabytes). */
const MAX_INPUT_PIXELS = 100_000_000;

const SHARP_FORMAT: Record<Exclude<SniffedType, 'application/pdf'>, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

export interface CleanFile {
  type: AttachmentType;
  /** What is stored: a re-encoded image, or the PDF's own bytes. */
  bytes: Buffer;
  /** A small JPEG of an image; null for a PDF. */
  thumbnail: Buffer | null;
}

/**
 * Makes an uploaded file safe to keep and publish. Its type comes from its bytes. An image is decoded,
 * turned upright by its EXIF orientation, scaled to at most MAX_IMAGE_SIDE and encoded afresh with no
 * metadata at all (EXIF with GPS, camera and maker notes, XMP, IPTC, ICC profile, comments): the
 * original bytes are never returned. A JPEG stays JPEG and a PNG PNG; WebP becomes JPEG (PNG when
 * transparent), which every phone shows. A PDF is returned as it is.
 */
export async function cleanUpload(bytes: Buffer): Promise<CleanFile> {
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new DomainError('ATTACHMENT_TOO_LARGE');
  const sniffed = sniffType(bytes);
  if (!sniffed) throw new DomainError('ATTACHMENT_TYPE_UNSUPPORTED');
  if (sniffed === 'application/pdf') return { type: sniffed, bytes, thumbnail: null };

  const input = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' });
  let metadata: Metadata;
  try {
    metadata = await input().metadata();
  } catch (error) {
    throw new DomainError(/pixel limit/i.test(String(error)) ? 'ATTACHMENT_TOO_LARGE' : 'ATTACHMENT_UNREADABLE');
  }
  if (metadata.format !== SHARP_FORMAT[sniffed]) throw new DomainError('ATTACHMENT_UNREADABLE');
  const type: AttachmentType = sniffed === 'image/png' || (sniffed === 'image/webp' && metadata.hasAlpha) ? 'image/png' : 'image/jpeg';

  try {
    // sharp writes no metadata unless asked (keepMetadata, withExif…): nothing of the original survives.
    const upright = input().autoOrient().resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
    const cleaned =
      type === 'image/png'
        ? await upright.png({ compressionLevel: 9 }).toBuffer()
        : await upright.flatten({ background: '#ffffff' }).jpeg({ quality: 82, progressive: true }).toBuffer();
    const thumbnail = await sharp(cleaned)
      .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 70, progressive: true })
      .toBuffer();
    return { type, bytes: cleaned, thumbnail };
  } catch (error) {
    throw new DomainError(/pixel limit/i.test(String(error)) ? 'ATTACHMENT_TOO_LARGE' : 'ATTACHMENT_UNREADABLE');
  }
}

const EXTENSIONS: Record<AttachmentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };
const FALLBACK_NAMES: Record<AttachmentType, string> = { 'image/jpeg': '照片', 'image/png': '图片', 'application/pdf': '文件' };

export function extensionOf(type: AttachmentType): string {
  return EXTENSIONS[type];
}

/**
 * The name to show for an upload: its last path part without control or direction-changing characters
 * (which can make `gpj.exe` read as `exe.jpg`), full ID and mobile numbers masked as everywhere in
 * public, at most 60 characters, ending in the extension of what was stored.
 */
export function attachmentName(fileName: string, type: AttachmentType): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
  const plain = basename(fileName.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  const stem = maskPersonalNumbers(plain.replace(/\.[A-Za-z0-9]{1,5}$/, ''))
    .trim()
    .slice(0, 60);
  return `${stem || FALLBACK_NAMES[type]}.${EXTENSIONS[type]}`;
}
