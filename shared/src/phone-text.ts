/** A piece of text that is either plain words or a phone number one can tap to call. */
export type PhoneTextPart = { kind: 'text'; text: string } | { kind: 'phone'; text: string; dial: string };

/**
 * Mainland mobiles (1[3-9] and 9 digits), landlines with an area code (0551-1234567, 05511234567)
 * and the 12345 and 12388 hotlines, never as part of a longer run of digits (a query
 * code, an amount: 12345.6 or 12388元).
 */
const PHONE = /(?<![\d.-])(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|123(?:45|88))(?![\d-]|\.\d|元|万)/g;

/** Splits text so that every phone number in it can be shown as a link to call. */
export function splitPhoneNumbers(text: string): PhoneTextPart[] {
  const parts: PhoneTextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'phone', text: match[0], dial: match[0].replace('-', '') });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
