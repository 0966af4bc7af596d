import { CASE_TRANSITIONS, type CaseAction, REPORT_STATUSES, type ReportStatus } from '@mashang/shared';

/**
 * The states a case ends in: no step but a staff note may follow (办结 closed, 不予受理 declined,
 * 转办 to another body, set aside as 重复 or 无效). The reporter's personal data is kept while anything
 * can still happen on the case, and for the retention period after it ended.
 */
export const ENDED_STATUSES: ReportStatus[] = (Object.keys(REPORT_STATUSES) as ReportStatus[]).filter((status) =>
  (Object.keys(CASE_TRANSITIONS) as CaseAction[]).every((action) => action === 'note' || !CASE_TRANSITIONS[action].from.includes(status)),
);

export const isEnded = (status: ReportStatus): boolean => ENDED_STATUSES.includes(status);
