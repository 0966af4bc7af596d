import {
  type DueDate,
  type DueDateKind,
  isSatisfiedRating,
  isStaffDuty,
  type Rating,
  type ReportNextStep,
  type ReportStatus,
  type ReportTrack,
} from '@mashang/shared';
import { addCalendarDays, chinaDate, spokenDate } from '../calendar/china-date.js';
import type { ReportEntity } from './entities/report.entity.js';
import type { AnswerFacts } from './workflow/contest.js';
import type { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import type { ReportEventEntity } from './entities/report-event.entity.js';

/** What a due date is shown from: a stored deadline, or one just stored with its report. */
export type DeadlineClock = Pick<ReportDeadlineEntity, 'kind' | 'dueOn' | 'provisional' | 'metAt' | 'cancelledAt'>;

/** Deadlines as the reporter and staff see them; lapsed ones (the case left our hands) are left out. */
export function dueDatesOf(deadlines: DeadlineClock[], now: Date): DueDate[] {
  const today = chinaDate(now);
  return deadlines
    .filter((d) => !d.cancelledAt)
    .map((d) => ({
      kind: d.kind,
      dueOn: d.dueOn,
      provisional: d.provisional === 1,
      metAt: d.metAt ? d.metAt.toISOString() : null,
      // A lapsed window of the reporter's own is not a duty missed.
      overdue: !d.metAt && today > d.dueOn && isStaffDuty(d.kind),
    }));
}

/** Clocks between staff (sending a case up, a transferred case's acceptance, a 督办's answer) are not the reporter's to see. */
const STAFF_ONLY_CLOCKS: readonly DueDateKind[] = ['transfer_up', 'transferred_in', 'supervision'];
export const isReporterClock = (kind: DueDateKind): boolean => !STAFF_ONLY_CLOCKS.includes(kind);

/** The deadlines the reporter is shown: their own clocks only. */
export function reporterDueDatesOf(deadlines: DeadlineClock[], now: Date): DueDate[] {
  return dueDatesOf(
    deadlines.filter((d) => isReporterClock(d.kind)),
    now,
  );
}

/** The latest answer a reporter can read: a reply, or the reason it was not accepted. */
export function latestReply(events: ReportEventEntity[]): string | null {
  const answer = [...events].reverse().find((e) => (e.type === 'reply' || e.type === 'decline') && e.publicText);
  return answer?.publicText ?? null;
}

/** How often a reporter is asked to look again when no rule sets a date (an accusation under investigation). */
const LOOK_AGAIN_DAYS = 30;

export interface NextStepFacts {
  status: ReportStatus;
  track: ReportTrack;
  level: ReportEntity['level'];
  rating: Rating | null;
  /** The reporter's own clocks, as shown to them. */
  dueDates: DueDate[];
  answer: Pick<AnswerFacts, 'next' | 'ratingDue' | 'reviewDue' | 'ratingEnded' | 'reviewEnded'>;
  /** When the current stage began (the latest public event). */
  since: Date;
  today: string;
}

/** The first day, every LOOK_AGAIN_DAYS from `since`, that is not before today. */
function lookAgainDate(since: Date, today: string): string {
  let date = addCalendarDays(chinaDate(since), LOOK_AGAIN_DAYS);
  while (date < today) date = addCalendarDays(date, LOOK_AGAIN_DAYS);
  return date;
}

/**
 * What the reporter can expect next, and by when, in plain words. Every open case has a date: the
 * rule's deadline where one runs; where none does (an accusation being investigated has no fixed
 * period) a date to look again, said as such, so the page never just says 办理中.
 */
export function nextStepOf(facts: NextStepFacts): ReportNextStep {
  const { status, level, answer, today } = facts;
  const office = level === 'county' ? '县纪委' : '乡镇纪委';
  const open = (kind: DueDateKind) => facts.dueDates.find((d) => d.kind === kind && !d.metAt)?.dueOn ?? null;
  const expect = (date: string, text: string): ReportNextStep => ({ date, text: text.replace('{date}', spokenDate(date)) });
  const lookAgain = (text: string): ReportNextStep =>
    expect(lookAgainDate(facts.since, today), `${text}。这一步没有固定期限，请在{date}前后再来查看进展`);
  switch (status) {
    case 'submitted': {
      const due = open('acceptance');
      return due ? expect(due, `${office}会在{date}前告诉您是否受理`) : lookAgain(`${office}正在看您反映的事情`);
    }
    case 'accepted': {
      const due = open('handling');
      if (due) return expect(due, `${office}正在办理，会在{date}前答复您`);
      return lookAgain(`${office}已经受理，正在调查核实。查清后会告诉您结果`);
    }
    case 'concluded': {
      const due = open('feedback') ?? open('handling');
      return due ? expect(due, `已经办完，${office}会在{date}前把结果告诉您`) : lookAgain('已经办完，正在准备答复');
    }
    case 'under_review': {
      const due = open('review');
      return due ? expect(due, `正在复查，会在{date}前再次答复您`) : lookAgain('正在复查');
    }
    case 'replied': {
      if (!facts.rating) {
        return answer.ratingDue && !answer.ratingEnded
          ? expect(answer.ratingDue, '请看下面的答复，并在{date}前评价一下是否满意')
          : { date: null, text: '答复已经给您，评价的期限已过，本件将办结归档' };
      }
      if (isSatisfiedRating(facts.rating)) return { date: null, text: '谢谢您的评价，本件已办结' };
      const { next } = answer;
      if (next.kind === 'in_system') {
        return answer.reviewDue && !answer.reviewEnded
          ? expect(answer.reviewDue, `您对答复不满意，可以在{date}前申请${next.step}`)
          : { date: null, text: `申请${next.step}的期限已过，本件将办结归档` };
      }
      return { date: null, text: next.text ? `本件在本系统内已办结。${next.text}` : '本件在本系统内已办结' };
    }
    case 'transferred':
      return { date: null, text: '您反映的事情不归纪委办理，已经转给负责的单位，由他们办理并答复您' };
    case 'declined':
      return { date: null, text: '纪委没有受理这件事，原因写在下面的答复里' };
    case 'duplicate':
      return { date: null, text: '这件事此前已经有人反映过，会和那一件一起办理，不再单独答复' };
    case 'invalid':
      return { date: null, text: '这条反映没有可以办理的内容，已经结束。如有具体的事情，请重新反映' };
    case 'closed':
      return { date: null, text: '本件已办结归档' };
  }
}
