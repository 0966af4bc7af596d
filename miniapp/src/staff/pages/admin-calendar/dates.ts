/** `2027-1-1`, `2027/01/01`, `2027.1.1` or `2027年1月1日` → `2027-01-01`; anything else unchanged. */
function normalize(token: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(token);
  if (!m) return token;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** Days from `from` to `to`, inclusive, when both are valid dates and the range is short. */
function expand(from: string, to: string): string[] | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start || end - start > 40 * 86400000) return null;
  const days: string[] = [];
  for (let t = start; t <= end; t += 86400000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/**
 * The dates an admin typed: one per line, or separated by commas (，,、), semicolons or spaces;
 * `2027-10-01~2027-10-07` (also `至`, `到`, `～`) stands for every day between, inclusive.
 * Duplicates go; the order is kept. What is not a date is passed on as typed, so the schema names it.
 */
export function parseDates(text: string): string[] {
  const out: string[] = [];
  const joined = text.replace(/\s*(~|～|至|到)\s*/g, '$1');
  for (const raw of joined.split(/[\n\r,，、;；\s]+/)) {
    const token = raw.trim();
    if (!token) continue;
    const range = /^(.+?)\s*(?:~|～|至|到)\s*(.+)$/.exec(token);
    const days = range ? expand(normalize(range[1]!), normalize(range[2]!)) : null;
    for (const day of days ?? [normalize(token)]) if (!out.includes(day)) out.push(day);
  }
  return out;
}
