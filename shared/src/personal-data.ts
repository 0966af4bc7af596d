// Personal numbers on public pages: 18-digit resident ID numbers and mainland mobile numbers.
// 三务公开 lists must never show them in full (`3418**********1234`, `138****5678`).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** Whether an 18-character resident ID number carries a valid check character (GB 11643). */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  return ID_CHECK_CHARS[sum % 11] === value[17]!.toUpperCase();
}

// Candidates not inside a longer run of digits; an ID candidate counts only with a valid check character,
// so a bank account or contract number of 18 digits is left alone.
const ID_CANDIDATE = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

export type PersonalNumberKind = 'id_number' | 'mobile';

export interface PersonalNumber {
  kind: PersonalNumberKind;
  value: string;
}

/** Every full ID or mobile number in a text, in order of appearance. */
export function findPersonalNumbers(text: string): PersonalNumber[] {
  const found: Array<PersonalNumber & { at: number }> = [];
  for (const match of text.matchAll(ID_CANDIDATE)) {
    if (isValidIdNumber(match[0])) found.push({ kind: 'id_number', value: match[0], at: match.index });
  }
  for (const match of text.matchAll(MOBILE)) found.push({ kind: 'mobile', value: match[0], at: match.index });
  return found.sort((a, b) => a.at - b.at).map(({ kind, value }) => ({ kind, value }));
}

/** `341821199001011234` → `3418**********1234`. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 4)}**********${value.slice(14)}`;
}

/** `13812345678` → `138****5678`. */
export function maskMobile(value: string): string {
  return `${value.slice(0, 3)}****${value.slice(7)}`;
}

/** A text with every full ID and mobile number in it masked. */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(ID_CANDIDATE, (candidate) => (isValidIdNumber(candidate) ? maskIdNumber(candidate) : candidate))
    .replace(MOBILE, maskMobile);
}
