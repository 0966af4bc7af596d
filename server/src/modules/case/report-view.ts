import { type DueDate, type DueDateKind, isStaffDuty } from '@mashang/shared';
import { chinaDate } from '../calendar/china-date.js';
import type { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import type { ReportEventEntity } from './entities/report-event.entity.js';

/** Deadlines as the reporter and staff see them; lapsed ones (the case left our hands) are left out. */
export function dueDatesOf(deadlines: ReportDeadlineEntity[], now: Date): DueDate[] {
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

/** Clocks between staff (sending a case up, a transferred case's acceptance) are not the reporter's to see. */
const STAFF_ONLY_CLOCKS: readonly DueDateKind[] = ['transfer_up', 'transferred_in'];
export const isReporterClock = (kind: DueDateKind): boolean => !STAFF_ONLY_CLOCKS.includes(kind);

/** The deadlines the reporter is shown: their own clocks only. */
export function reporterDueDatesOf(deadlines: ReportDeadlineEntity[], now: Date): DueDate[] {
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
