/**
 * 查询码: 25 digits (83 bits), shown in five groups of five so it can be copied down or read
 * aloud over the phone. Digits because a phone's number pad is what older villagers type best.
 */
export const QUERY_CODE_DIGITS = 25;
const GROUP = 5;

const SEPARATORS = /[\s\-_.,，、－—]+/;
/** Full-width digits, as some Chinese keyboards type them, read as digits. */
const toAsciiDigits = (input: string) => input.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** Strips spaces, dashes and other separators a person may have typed; null if not 25 digits. */
export function normalizeQueryCode(input: string): string | null {
  const digits = toAsciiDigits(input).replace(new RegExp(SEPARATORS.source, 'g'), '');
  return new RegExp(`^\\d{${QUERY_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

export function formatQueryCode(digits: string): string {
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += GROUP) groups.push(digits.slice(i, i + GROUP));
  return groups.join(' ');
}

/** Letters a person may copy for a digit off handwriting. */
const LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', l: '1', I: '1', i: '1', Z: '2', z: '2', S: '5', s: '5', B: '8' };

export type QueryCodeCheck =
  { ok: true; digits: string } | { ok: false; /** 1-based group of five, when one can be named. */ group: number | null; message: string };

/**
 * What is wrong with a typed query code, in words that point at the group of five to look at: a
 * letter among the digits, a group of the wrong length (when the person typed the groups apart),
 * or digits missing or extra at the end.
 */
export function checkQueryCode(input: string): QueryCodeCheck {
  const text = toAsciiDigits(input).trim();
  if (!text) return { ok: false, group: null, message: '请输入查询码' };
  const chunks = text.split(SEPARATORS).filter(Boolean);
  const chars = chunks.join('');
  const bad = [...chars].findIndex((ch) => !/\d/.test(ch));
  if (bad >= 0) {
    const ch = chars[bad]!;
    const group = Math.floor(bad / GROUP) + 1;
    const hint = LOOKALIKES[ch] ? `，“${ch}”应是数字${LOOKALIKES[ch]}吧` : '';
    return { ok: false, group, message: `第${group}组里有“${ch}”：查询码只有数字${hint}` };
  }
  if (chars.length === QUERY_CODE_DIGITS) return { ok: true, digits: chars };
  // Typed in groups: the first group of another length is the one to check.
  if (chunks.length > 1) {
    const wrong = chunks.findIndex((c) => c.length !== GROUP);
    if (wrong >= 0 && wrong < QUERY_CODE_DIGITS / GROUP) {
      return { ok: false, group: wrong + 1, message: `第${wrong + 1}组是${chunks[wrong]!.length}位，每组应是${GROUP}位数字` };
    }
  }
  if (chars.length < QUERY_CODE_DIGITS) {
    const group = Math.floor(chars.length / GROUP) + 1;
    return { ok: false, group, message: `只输入了${chars.length}位，还少${QUERY_CODE_DIGITS - chars.length}位：从第${group}组起不完整` };
  }
  return {
    ok: false,
    group: null,
    message: `输入了${chars.length}位，多了${chars.length - QUERY_CODE_DIGITS}位：查询码是${QUERY_CODE_DIGITS}位数字`,
  };
}

/**
 * A code as it is being typed, in groups for showing: the person's own groups when they typed it
 * apart (so a short group shows as short), runs cut into fives; always at least five groups.
 */
export function typedQueryCodeGroups(input: string): string[] {
  const groups: string[] = [];
  // A run longer than a group (typed without a break) is cut into fives.
  for (const chunk of toAsciiDigits(input).trim().split(SEPARATORS).filter(Boolean)) {
    for (let i = 0; i < chunk.length; i += GROUP) groups.push(chunk.slice(i, i + GROUP));
  }
  while (groups.length < QUERY_CODE_DIGITS / GROUP) groups.push('');
  return groups;
}
