/** The median of values given as counts per tenth of a day, in days. */
export function medianOfTenths(histogram: { tenths: number; count: number }[]): number | null {
  const total = histogram.reduce((sum, h) => sum + h.count, 0);
  if (!total) return null;
  const sorted = [...histogram].sort((a, b) => a.tenths - b.tenths);
  // The value at a 0-based position of the sorted values.
  const at = (position: number): number => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.count;
      if (position < seen) return h.tenths;
    }
    return sorted.at(-1)!.tenths;
  };
  const mid = Math.floor(total / 2);
  const tenths = total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return tenths / 10;
}

/** The whole days the median falls on (one, or two when an even count's middle pair straddles them), from counts per day. */
export function daysHoldingMedian(perDay: Map<number, number>): number[] {
  const total = [...perDay.values()].reduce((sum, n) => sum + n, 0);
  if (!total) return [];
  const sorted = [...perDay.entries()].sort(([a], [b]) => a - b);
  const dayAt = (position: number): number => {
    let seen = 0;
    for (const [day, count] of sorted) {
      seen += count;
      if (position < seen) return day;
    }
    return sorted.at(-1)![0];
  };
  const mid = Math.floor(total / 2);
  return [...new Set(total % 2 ? [dayAt(mid)] : [dayAt(mid - 1), dayAt(mid)])];
}

/**
 * The median from answers counted per whole day, with the tenths of the days it falls on: every
 * other day stands at its first tenth, as only its place in the order matters to the median.
 */
export function medianFromDays(perDay: Map<number, number>, tenthsOnMedianDays: { tenths: number; count: number }[]): number | null {
  const medianDays = new Set(daysHoldingMedian(perDay));
  const histogram = [...perDay.entries()].filter(([day]) => !medianDays.has(day)).map(([day, count]) => ({ tenths: day * 10, count }));
  return medianOfTenths([...histogram, ...tenthsOnMedianDays.filter((h) => medianDays.has(Math.floor(h.tenths / 10)))]);
}
