/**
 * Lines pasted from Excel (tab-separated) or typed with spaces or commas, as cells: township staff
 * keep these lists in Excel and copy them across. Empty lines are skipped; line numbers are kept.
 */
export function parseLines(text: string): Array<{ line: number; cells: string[] }> {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({
      line: i + 1,
      cells: raw
        .split(/[\t,，]+|\s{1,}/)
        .map((c) => c.trim())
        .filter(Boolean),
    }))
    .filter((row) => row.cells.length > 0);
}

/** `body.entries.3.idNumber` → the pasted line it came from, so an error points at what the officer typed. */
export function lineOfField(field: string, rows: Array<{ line: number }>): number | null {
  const match = /^body\.entries\.(\d+)/.exec(field);
  return match ? (rows[Number(match[1])]?.line ?? null) : null;
}
