import sharp from 'sharp';

/** Where a phone puts the GPS coordinates: the GPS IFD, pointed at by tag 0x8825 of IFD0. */
const GPS_IFD_POINTER = 0x8825;
const TAG_MAKE = 0x010f;
const TAG_ORIENTATION = 0x0112;
const GPS_LATITUDE = 0x0002;
const GPS_LONGITUDE = 0x0004;

export interface ExifTags {
  /** IFD0's tags by number, each with its type, count and value (or offset). */
  ifd0: Map<number, { type: number; count: number; value: number }>;
  /** The GPS IFD's tags by number; null when there is none. */
  gps: Map<number, { type: number; count: number; value: number }> | null;
}

/**
 * Reads the tag directories of an EXIF block (as sharp's metadata() gives it, `Exif\0\0` then TIFF),
 * just far enough for a test to see whether GPS coordinates are there.
 */
export function readExif(exif: Buffer | undefined): ExifTags | null {
  if (!exif || exif.toString('latin1', 0, 4) !== 'Exif') return null;
  const tiff = exif.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const directory = (at: number) => {
    const tags = new Map<number, { type: number; count: number; value: number }>();
    for (let i = 0; i < u16(at); i++) {
      const entry = at + 2 + i * 12;
      tags.set(u16(entry), { type: u16(entry + 2), count: u32(entry + 4), value: u32(entry + 8) });
    }
    return tags;
  };
  const ifd0 = directory(u32(4));
  const pointer = ifd0.get(GPS_IFD_POINTER);
  return { ifd0, gps: pointer ? directory(pointer.value) : null };
}

/** Whether the EXIF block carries a latitude and a longitude. */
export function hasGpsPosition(tags: ExifTags | null): boolean {
  return !!tags?.gps?.has(GPS_LATITUDE) && !!tags.gps.has(GPS_LONGITUDE);
}

export const PHONE_MAKE = 'QingshuiPhone';

/**
 * A phone photo as a phone saves it: taken holding the phone upright, so stored on its side
 * (`width` × `height`, EXIF orientation 6: turn 90° clockwise to view), with the maker, the model,
 * the time and the GPS position of 东山村 in its EXIF. Noise makes it compress like a photo.
 */
export async function phonePhoto(width = 1600, height = 1200): Promise<Buffer> {
  const noise = await sharp({
    create: { width, height, channels: 3, background: '#6b8e23', noise: { type: 'gaussian', mean: 128, sigma: 30 } },
  })
    .raw()
    .toBuffer();
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: PHONE_MAKE, Model: 'QS-20', DateTime: '2026:09:28 10:12:30', Software: 'QS Camera 2.1' },
      IFD2: { DateTimeOriginal: '2026:09:28 10:12:30', BodySerialNumber: 'QS20-A1B2C3' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 20/1 1512/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 58/1 3300/100' },
    })
    .toBuffer();
}

/** A small plain JPEG. */
export function smallJpeg(colour = '#c0392b'): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

/** A one-page PDF, written out by hand, with an author in its document information. */
export function smallPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    '<< /Author (Wang Dashan) /Title (Voucher) >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export { TAG_MAKE, TAG_ORIENTATION };
