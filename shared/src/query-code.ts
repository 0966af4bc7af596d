/**
 * 查询码: 25 digits (83 bits), shown in five groups of five so it can be copied down or read
 * aloud over the phone. Digits because a phone's number pad is what older villagers type best.
 */
export const QUERY_CODE_DIGITS = 25;
const GROUP = 5;

/** Strips spaces, dashes and other separators a person may have typed; null if not 25 digits. */
export function normalizeQueryCode(input: string): string | null {
  const digits = input.replace(/[\s\-_.,，、－—]/g, '');
  return new RegExp(`^\\d{${QUERY_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

export function formatQueryCode(digits: string): string {
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += GROUP) groups.push(digits.slice(i, i + GROUP));
  return groups.join(' ');
}
