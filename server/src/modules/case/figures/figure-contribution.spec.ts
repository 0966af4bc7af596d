import { describe, expect, it } from '@jest/globals';
import { answerTenths, changesBetween, chinaMonth, type CountedReport, contributionOf, zeroCounts } from './figure-contribution.js';
import { daysHoldingMedian, medianFromDays, medianOfTenths } from './median.js';
import { splitByMonths, yearsAndMonths } from './received-months.js';

const received = new Date('2026-03-31T17:00:00Z'); // 1 April, 01:00 in China
const report = (changes: Partial<CountedReport> = {}): CountedReport => ({
  handlingCode: '341121101',
  receivedAt: received,
  status: 'submitted',
  answeredAt: null,
  missedDeadline: 0,
  rating: null,
  ratedBy: null,
  acceptedOnTime: null,
  ...changes,
});
const later = (days: number) => new Date(received.getTime() + days * 86_400_000);

describe("a report's part of the county figures", () => {
  it('belongs to the China month it was received in, with the township handling it', () => {
    expect(chinaMonth(received)).toBe('2026-04');
    expect(contributionOf(report())).toEqual({
      township: '341121101',
      month: '2026-04',
      counts: { ...zeroCounts(), received: 1 },
      answerTenths: null,
    });
    expect(contributionOf(report({ handlingCode: null }))).toBeNull();
  });

  it('counts an answered, rated case by every column the figures read', () => {
    const answered = report({
      status: 'closed',
      answeredAt: later(2.04),
      acceptedOnTime: 0,
      rating: 'basically_satisfied',
      ratedBy: 'callback',
      missedDeadline: 1,
    });
    expect(contributionOf(answered)).toMatchObject({
      counts: {
        received: 1,
        answered: 1,
        answeredOnTime: 0,
        rated: 1,
        ratedByCallback: 1,
        satisfied: 1,
        acceptanceDecided: 1,
        acceptedOnTime: 0,
        duplicates: 0,
        invalid: 0,
      },
      answerTenths: 20,
    });
    expect(contributionOf({ ...answered, missedDeadline: 0, rating: 'unsatisfied', acceptedOnTime: 1 })?.counts).toMatchObject({
      answeredOnTime: 1,
      satisfied: 0,
      acceptedOnTime: 1,
    });
  });

  it('counts a report set aside only as a repeat or an invalid one', () => {
    const set = (status: CountedReport['status']) => contributionOf(report({ status, answeredAt: later(1), rating: 'satisfied' }));
    expect(set('duplicate')).toMatchObject({ counts: { ...zeroCounts(), duplicates: 1 }, answerTenths: null });
    expect(set('invalid')).toMatchObject({ counts: { ...zeroCounts(), invalid: 1 }, answerTenths: null });
  });

  it('rounds days to answer half up in tenths, in whole milliseconds', () => {
    expect(answerTenths(received, later(0.05))).toBe(1);
    expect(answerTenths(received, new Date(later(0.05).getTime() - 1))).toBe(0);
    expect(answerTenths(received, later(3))).toBe(30);
  });
});

describe('what a change of a report adds to the rollup', () => {
  it('is nothing when its part stays the same', () => {
    expect(changesBetween(contributionOf(report()), contributionOf(report({ status: 'accepted' })))).toEqual({
      counts: [],
      answerDays: [],
    });
  });

  it('is the difference in its bucket, and a move between townships in key order', () => {
    const answered = report({ status: 'replied', answeredAt: later(1) });
    expect(changesBetween(contributionOf(report({ status: 'accepted' })), contributionOf(answered))).toEqual({
      counts: [{ township: '341121101', month: '2026-04', counts: { ...zeroCounts(), answered: 1, answeredOnTime: 1 } }],
      answerDays: [
        { township: '341121101', period: 'M2026-04', tenths: 10, answered: 1 },
        { township: '341121101', period: 'Y2026', tenths: 10, answered: 1 },
      ],
    });
    const moved = changesBetween(contributionOf(report({ handlingCode: '341121102' })), contributionOf(report()));
    expect(moved.counts.map((c) => [c.township, c.counts.received])).toEqual([
      ['341121101', 1],
      ['341121102', -1],
    ]);
    expect(changesBetween(null, contributionOf(answered)).answerDays).toHaveLength(2);
    expect(changesBetween(contributionOf(answered), null).counts[0]!.counts.received).toBe(-1);
  });
});

describe('a range of receipt dates split into whole months and the days of part months', () => {
  it('answers whole months alone when the range is made of them, open ends included', () => {
    expect(splitByMonths({})).toEqual({ months: { from: null, to: null }, days: [] });
    expect(splitByMonths({ from: '2026-01-01', to: '2026-10-31' })).toEqual({ months: { from: '2026-01', to: '2026-10' }, days: [] });
    expect(splitByMonths({ to: '2026-02-28' })).toEqual({ months: { from: null, to: '2026-02' }, days: [] });
    expect(splitByMonths({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ months: { from: '2024-02', to: '2024-02' }, days: [] });
  });

  it('counts the days of a month the range covers only in part from the reports', () => {
    expect(splitByMonths({ from: '2026-01-01', to: '2026-11-28' })).toEqual({
      months: { from: '2026-01', to: '2026-10' },
      days: [{ from: '2026-11-01', to: '2026-11-28' }],
    });
    expect(splitByMonths({ from: '2026-04-02', to: '2026-04-02' })).toEqual({
      months: null,
      days: [{ from: '2026-04-02', to: '2026-04-02' }],
    });
    expect(splitByMonths({ from: '2026-03-15', to: '2026-04-10' })).toEqual({
      months: null,
      days: [
        { from: '2026-03-15', to: '2026-03-31' },
        { from: '2026-04-01', to: '2026-04-10' },
      ],
    });
    // Up to today: nothing is received after today, so today's month is whole.
    expect(splitByMonths({ from: '2026-01-01', to: '2026-11-28' }, '2026-11-28')).toEqual({
      months: { from: '2026-01', to: '2026-11' },
      days: [],
    });
    expect(splitByMonths({ from: '2026-11-01', to: '2026-11-20' }, '2026-11-28')).toEqual({
      months: null,
      days: [{ from: '2026-11-01', to: '2026-11-20' }],
    });
    expect(splitByMonths({ from: '2025-12-15' })).toEqual({
      months: { from: '2026-01', to: null },
      days: [{ from: '2025-12-15', to: '2025-12-31' }],
    });
  });
});

describe('a span of months read as whole years and the months outside them', () => {
  it('takes whole years where the span holds them', () => {
    expect(yearsAndMonths({ from: null, to: null })).toEqual({ years: { from: null, to: null }, months: [] });
    expect(yearsAndMonths({ from: '2024-11', to: '2026-02' })).toEqual({
      years: { from: '2025', to: '2025' },
      months: ['2024-11', '2024-12', '2026-01', '2026-02'],
    });
    expect(yearsAndMonths({ from: null, to: '2026-01' })).toEqual({ years: { from: null, to: '2025' }, months: ['2026-01'] });
  });

  it('takes months alone within one year', () => {
    expect(yearsAndMonths({ from: '2026-01', to: '2026-03' })).toEqual({ years: null, months: ['2026-01', '2026-02', '2026-03'] });
    expect(yearsAndMonths({ from: '2025-12', to: '2026-01' })).toEqual({ years: null, months: ['2025-12', '2026-01'] });
  });
});

describe('the median days to answer from answers per whole day and the tenths of the median days', () => {
  const tenths = [12, 15, 15, 21, 29, 33, 40, 40, 41, 95, 96];
  const histogram = (values: number[]) => values.map((v) => ({ tenths: v, count: 1 }));
  const perDay = (values: number[]) => {
    const days = new Map<number, number>();
    for (const v of values) days.set(Math.floor(v / 10), (days.get(Math.floor(v / 10)) ?? 0) + 1);
    return days;
  };

  it('is the median of all the tenths, for odd and even counts and a pair straddling two days', () => {
    for (const values of [tenths, tenths.slice(1), tenths.slice(0, 4), [29, 31], [7], []]) {
      expect(medianFromDays(perDay(values), histogram(values))).toBe(medianOfTenths(histogram(values)));
    }
    expect(daysHoldingMedian(perDay([29, 31]))).toEqual([2, 3]);
    expect(medianFromDays(perDay([29, 31]), histogram([29, 31]))).toBe(3);
  });
});
