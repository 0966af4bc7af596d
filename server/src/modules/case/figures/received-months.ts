import type { ReceivedRange } from '../case.repository.js';

/** A range of whole months, `YYYY-MM`, both ends inclusive; a null end is open. */
export interface MonthSpan {
  from: string | null;
  to: string | null;
}

const monthOf = (date: string) => date.slice(0, 7);
const firstDay = (month: string) => `${month}-01`;
const lastDay = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
};
const shiftMonth = (month: string, by: number): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1 + by, 1)).toISOString().slice(0, 7);
};

/**
 * Splits a range of receipt dates into the whole months the rollup answers and the days at either
 * end that only part of a month covers (counted from the reports themselves): together exactly the
 * range, as no report was received after `today` (China date).
 */
export function splitByMonths(range: ReceivedRange, today?: string): { months: MonthSpan | null; days: ReceivedRange[] } {
  const { from } = range;
  // No report is received after today: a range that reaches today holds the rest of today's month whole.
  const to = range.to && today && range.to >= today ? lastDay(monthOf(range.to)) : range.to;
  if (from && to && monthOf(from) === monthOf(to) && !(from === firstDay(monthOf(from)) && to === lastDay(monthOf(to)))) {
    return { months: null, days: [{ from, to }] };
  }
  const days: ReceivedRange[] = [];
  let fromMonth: string | null = null;
  let toMonth: string | null = null;
  if (from) {
    fromMonth = monthOf(from);
    if (from !== firstDay(fromMonth)) {
      days.push({ from, to: lastDay(fromMonth) });
      fromMonth = shiftMonth(fromMonth, 1);
    }
  }
  if (to) {
    toMonth = monthOf(to);
    if (to !== lastDay(toMonth)) {
      days.push({ from: firstDay(toMonth), to });
      toMonth = shiftMonth(toMonth, -1);
    }
  }
  const months = fromMonth && toMonth && fromMonth > toMonth ? null : { from: fromMonth, to: toMonth };
  return { months, days };
}

/** Whole years (`YYYY`, either end open) and the months outside them (`YYYY-MM`) that make up a span of months. */
export function yearsAndMonths(span: MonthSpan): { years: { from: string | null; to: string | null } | null; months: string[] } {
  const firstYear =
    span.from === null ? null : span.from.endsWith('-01') ? span.from.slice(0, 4) : String(Number(span.from.slice(0, 4)) + 1);
  const lastYear = span.to === null ? null : span.to.endsWith('-12') ? span.to.slice(0, 4) : String(Number(span.to.slice(0, 4)) - 1);
  const monthsFrom = (from: string, to: string): string[] => {
    const months: string[] = [];
    for (let month = from; month <= to; month = shiftMonth(month, 1)) months.push(month);
    return months;
  };
  if (firstYear !== null && lastYear !== null && firstYear > lastYear) return { years: null, months: monthsFrom(span.from!, span.to!) };
  return {
    years: { from: firstYear, to: lastYear },
    months: [
      ...(span.from !== null && !span.from.endsWith('-01') ? monthsFrom(span.from, `${span.from.slice(0, 4)}-12`) : []),
      ...(span.to !== null && !span.to.endsWith('-12') ? monthsFrom(`${span.to.slice(0, 4)}-01`, span.to) : []),
    ],
  };
}
