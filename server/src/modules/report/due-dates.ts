import type { DueDate, ReportMode } from '@mashang/shared';
import { chinaDate } from '../calendar/china-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';

/** 《纪检监察机关处理检举控告工作规则》: whether it is accepted is told within 15 working days of receipt. */
const ACCEPTANCE_WORKDAYS = 15;

/**
 * Due dates owed on a newly received report. Anonymous reports carry no statutory duty, but we
 * hold them to the same clock. The full deadline engine (rules as data, per county) replaces this.
 */
export function dueDatesOnReceipt(calendar: WorkingCalendar, receivedAt: Date, _mode: ReportMode): DueDate[] {
  const { date, provisional } = calendar.addWorkdays(chinaDate(receivedAt), ACCEPTANCE_WORKDAYS);
  return [{ kind: 'acceptance', dueOn: date, provisional }];
}
