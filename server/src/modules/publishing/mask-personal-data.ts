import type { DisclosureTable } from '@mashang/shared';

// 18-digit resident ID (last may be X) and 11-digit mainland mobile numbers, not inside longer digit runs.
const ID_NUMBER = /(?<![\dXx])(\d{4})\d{10}(\d{3}[\dXx])(?![\dXx])/g;
const MOBILE = /(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g;

/** `341821199001011234` → `3418**********1234`, `13812345678` → `138****5678`. */
export function maskPersonalData(text: string): string {
  return text.replace(ID_NUMBER, '$1**********$2').replace(MOBILE, '$1****$2');
}

/** Applied on every read, so a full number pasted by a publisher never reaches a villager's screen. */
export function maskTable(table: DisclosureTable | null): DisclosureTable | null {
  if (!table) return null;
  return { columns: table.columns, rows: table.rows.map((row) => row.map(maskPersonalData)) };
}
