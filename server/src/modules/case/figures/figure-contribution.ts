import { SATISFIED_RATINGS } from '@mashang/shared';
import type { ReportEntity } from '../entities/report.entity.js';

/** The report columns the county figures read (besides `next_due_on`, whose overdue count depends on the day asked). */
export type CountedReport = Pick<
  ReportEntity,
  'handlingCode' | 'receivedAt' | 'status' | 'answeredAt' | 'missedDeadline' | 'rating' | 'ratedBy' | 'acceptedOnTime'
>;

/** The counters a township's month holds, in the order of the table's columns. */
export const FIGURE_COUNTERS = [
  'received',
  'duplicates',
  'invalid',
  'answered',
  'answeredOnTime',
  'rated',
  'ratedByCallback',
  'satisfied',
  'acceptanceDecided',
  'acceptedOnTime',
] as const;
export type FigureCounter = (typeof FIGURE_COUNTERS)[number];
export type FigureCounts = Record<FigureCounter, number>;

/** The counter's column in `figures_township_months`. */
export const counterColumn = (counter: FigureCounter): string => counter.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** What one report adds to the figures: its counters in its township's month, and its days to answer in tenths. */
export interface Contribution {
  township: string;
  /** The China month it was received in, `YYYY-MM`: every figure belongs to the date of receipt. */
  month: string;
  counts: FigureCounts;
  /** Days from receipt to the first reply, in tenths rounded half up; null when not answered or set aside. */
  answerTenths: number | null;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const TENTH_OF_A_DAY_MS = 8_640_000;

export const chinaMonth = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);

/** Days to answer in tenths, rounded half up, as the databases computed it from the two datetimes. */
export const answerTenths = (receivedAt: Date, answeredAt: Date): number =>
  Math.floor((answeredAt.getTime() - receivedAt.getTime()) / TENTH_OF_A_DAY_MS + 0.5);

export const zeroCounts = (): FigureCounts => Object.fromEntries(FIGURE_COUNTERS.map((c) => [c, 0])) as FigureCounts;

/**
 * One report's part of the figures, by the rules the figures' SQL counts by: a repeat or a flood set
 * aside counts only as such; every other report is received, and answered, rated, decided on time
 * as its columns say. A report no township handles counts nowhere.
 */
export function contributionOf(report: CountedReport): Contribution | null {
  if (!report.handlingCode) return null;
  const counts = zeroCounts();
  const kept = report.status !== 'duplicate' && report.status !== 'invalid';
  counts.duplicates = report.status === 'duplicate' ? 1 : 0;
  counts.invalid = report.status === 'invalid' ? 1 : 0;
  if (kept) {
    const answered = report.answeredAt !== null;
    const rated = report.rating !== null;
    counts.received = 1;
    counts.answered = answered ? 1 : 0;
    counts.answeredOnTime = answered && !report.missedDeadline ? 1 : 0;
    counts.rated = rated ? 1 : 0;
    counts.ratedByCallback = rated && report.ratedBy === 'callback' ? 1 : 0;
    counts.satisfied = rated && SATISFIED_RATINGS.includes(report.rating!) ? 1 : 0;
    counts.acceptanceDecided = report.acceptedOnTime !== null ? 1 : 0;
    counts.acceptedOnTime = report.acceptedOnTime === 1 ? 1 : 0;
  }
  return {
    township: report.handlingCode,
    month: chinaMonth(report.receivedAt),
    counts,
    answerTenths: kept && report.answeredAt ? answerTenths(report.receivedAt, report.answeredAt) : null,
  };
}

/** A change to one township's month: counters to add (negative to take away). */
export interface CountsChange {
  township: string;
  month: string;
  counts: FigureCounts;
}
/**
 * A change to one bucket of days to answer. The period is the month of receipt (`M2026-04`) or its
 * year (`Y2026`): whole years are read from the year's rows, a few hundred where months would be thousands.
 */
export interface AnswerDaysChange {
  township: string;
  period: string;
  tenths: number;
  answered: number;
}

/** The periods a report received in the month counts in, for its days to answer. */
export const answerPeriodsOf = (month: string): string[] => [`M${month}`, `Y${month.slice(0, 4)}`];

/**
 * What the rollup must add when a report's contribution goes from `before` to `after` (null: none):
 * one change per bucket whose count moves, in key order so that concurrent changes lock rows in
 * the same order. Nothing when the contribution stays the same.
 */
export function changesBetween(
  before: Contribution | null,
  after: Contribution | null,
): { counts: CountsChange[]; answerDays: AnswerDaysChange[] } {
  const counts = new Map<string, CountsChange>();
  const answerDays = new Map<string, AnswerDaysChange>();
  const add = (contribution: Contribution | null, sign: 1 | -1) => {
    if (!contribution) return;
    const { township, month } = contribution;
    const key = `${township}|${month}`;
    const change = counts.get(key) ?? { township, month, counts: zeroCounts() };
    for (const c of FIGURE_COUNTERS) change.counts[c] += sign * contribution.counts[c];
    counts.set(key, change);
    if (contribution.answerTenths !== null) {
      const tenths = contribution.answerTenths;
      for (const period of answerPeriodsOf(month)) {
        const daysKey = `${township}|${String(tenths).padStart(12, '0')}|${period}`;
        const days = answerDays.get(daysKey) ?? { township, period, tenths, answered: 0 };
        days.answered += sign;
        answerDays.set(daysKey, days);
      }
    }
  };
  add(before, -1);
  add(after, 1);
  const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return {
    counts: byKey(counts).filter((c) => FIGURE_COUNTERS.some((k) => c.counts[k] !== 0)),
    answerDays: byKey(answerDays).filter((d) => d.answered !== 0),
  };
}
