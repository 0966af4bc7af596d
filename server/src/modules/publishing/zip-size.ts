/**
 * What a zip archive (an .xlsx is one) says its entries inflate to, read from its central directory
 * without inflating anything; null when the bytes are not a readable zip. A few kilobytes of zip can
 * claim gigabytes: this is checked before a spreadsheet library unpacks the file in memory.
 */
export function zipInflatedSize(zip: Buffer): number | null {
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB.
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
    const inflated = zip.readUInt32LE(at + 24);
    // 0xFFFFFFFF means the real size is in a ZIP64 field: no spreadsheet of ours is that big.
    if (inflated === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += inflated;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}
