import { type Contest, isSatisfiedRating } from '@mashang/shared';
import { spokenDate } from '../../calendar/china-date.js';
import type { DeadlineCalculator } from '../../deadline/deadline-calculator.js';
import type { ReportEntity } from '../entities/report.entity.js';

/** The levels of this system, lowest first: a step decided above the county is outside it. */
const LEVELS: readonly ReportEntity['level'][] = ['township', 'county'];

export type NextContest =
  /** The reporter may ask here for this step; the county decides it. */
  | { kind: 'in_system'; step: string; level: ReportEntity['level'] }
  /** The next step is decided outside this system: the reporter reads where to turn. */
  | { kind: 'outside'; step: string; text: string }
  /** No step is left. */
  | { kind: 'none'; text: string | null };

/**
 * What a reporter can do about an answer given at `answeredAt` after `taken` steps: each step is
 * decided by the level above the one that answered, so the path only climbs and never loops.
 */
export function nextContest(contest: Contest, answeredAt: ReportEntity['level'], taken: number): NextContest {
  const step = contest.steps[taken];
  if (!step) return { kind: 'none', text: contest.noStepText };
  const reviewer = LEVELS.indexOf(answeredAt) + 1;
  if (reviewer < LEVELS.length) return { kind: 'in_system', step, level: LEVELS[reviewer]! };
  const level = contest.beyond[reviewer - LEVELS.length] ?? contest.beyond.at(-1)!;
  return { kind: 'outside', step, text: contest.beyondText.replaceAll('{level}', level).replaceAll('{step}', step) };
}

export interface ClosingFacts {
  status: ReportEntity['status'];
  rating: ReportEntity['rating'];
  next: NextContest;
  /** The reporter's period to rate the latest answer has ended. */
  ratingEnded: boolean;
  /** The reporter's period to ask for the next step has ended (or there is none in these rules). */
  reviewEnded: boolean;
}

/**
 * Whether an answered case may be filed away: once the reporter is content (非常满意, 满意, 基本满意); once they are not but
 * the path to contest it here was taken to its end, leads outside this system, or was not taken in
 * time; or once the period to rate ended without a rating.
 */
export function mayClose(facts: ClosingFacts): boolean {
  if (facts.status !== 'replied') return false;
  if (!facts.rating) return facts.ratingEnded;
  if (isSatisfiedRating(facts.rating)) return true;
  return facts.next.kind !== 'in_system' || facts.reviewEnded;
}

interface EventFacts {
  type: string;
  createdAt: Date;
}
interface DeadlineFacts {
  kind: string;
  dueOn: string;
  metAt: Date | null;
  cancelledAt: Date | null;
}

export interface AnswerFacts extends ClosingFacts {
  /** The last day to rate the latest answer, or null before any answer. */
  ratingDue: string | null;
  /** The last day to ask for the next step here. */
  reviewDue: string | null;
}

/**
 * The facts of an answered case, from its timeline and deadlines under its county's rules: the next
 * step to contest it, and the periods to rate it and to ask for that step (the rating period, where
 * the rules set no period of its own for asking).
 */
export function answerFacts(
  report: Pick<ReportEntity, 'status' | 'rating' | 'level' | 'track'>,
  events: EventFacts[],
  deadlines: DeadlineFacts[],
  rules: DeadlineCalculator,
  today: string,
): AnswerFacts {
  const regime = rules.rules.regimes[report.track];
  const taken = events.filter((e) => e.type === 'request_review').length;
  const lastReply = [...events].reverse().find((e) => e.type === 'reply');
  const ratingDue = lastReply ? rules.dueDate(regime.rating, lastReply.createdAt).date : null;
  const window = deadlines.filter((d) => d.kind === 'review_request' && !d.metAt && !d.cancelledAt).at(-1);
  const reviewDue = window?.dueOn ?? ratingDue;
  return {
    status: report.status,
    rating: report.rating,
    next: nextContest(regime.contest, report.level, taken),
    ratingEnded: ratingDue !== null && today > ratingDue,
    reviewEnded: reviewDue !== null && today > reviewDue,
    ratingDue,
    reviewDue,
  };
}

/** What the reporter reads about contesting the answer, or null. */
export function reviewPathText(facts: AnswerFacts): string | null {
  if (facts.status !== 'replied' && facts.status !== 'closed') return null;
  const { next } = facts;
  if (next.kind === 'in_system') {
    return facts.reviewEnded || facts.status === 'closed' ? null : `如对答复不满意，可在${spokenDate(facts.reviewDue!)}前申请${next.step}`;
  }
  return next.text;
}
