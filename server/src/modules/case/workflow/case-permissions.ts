import { type CaseAction, actionsAllowed } from '@mashang/shared';
import type { DeadlineCalculator } from '../../deadline/deadline-calculator.js';
import type { ReportEntity } from '../entities/report.entity.js';
import type { StaffAccountEntity } from '../../staff/staff-account.entity.js';

/**
 * Which staff actions an account may take on a case now, beyond what the state allows:
 * the level handling the case acts on it; the county approves extensions; anyone in the
 * jurisdiction may add an internal note, but a township on a case it sent up to the county.
 */
export interface CaseContext {
  /** The answered case may be filed away (see `mayClose`). */
  mayClose: boolean;
}

/** The level the case is at is the one that handles it: the township's handlers, or the county's supervisors. */
export function handlesCase(account: Pick<StaffAccountEntity, 'role'>, report: Pick<ReportEntity, 'level'>): boolean {
  return (
    (report.level === 'township' && account.role === 'township_handler') ||
    (report.level === 'county' && account.role === 'county_supervisor')
  );
}

export function staffActionsFor(
  account: StaffAccountEntity,
  report: ReportEntity,
  deadlines: DeadlineCalculator,
  context: CaseContext,
): CaseAction[] {
  // Once a case went up, the township only follows it as the reporter does: nothing to do on it, not even a note.
  if (account.role === 'township_handler' && report.level === 'county') return [];
  const handlesIt = handlesCase(account, report);
  const extension = deadlines.extensionOf(report.track);
  return actionsAllowed(report.status, 'staff').filter((action) => {
    switch (action) {
      case 'note':
        return true;
      case 'approve_extension':
      case 'refuse_extension':
        // Nobody decides on their own request: a county's own extension needs a second county account.
        return account.role === 'county_supervisor' && report.extensionRequestedDays !== null && report.extensionRequestedBy !== account.id;
      case 'request_extension':
        return handlesIt && !!extension && report.extensionUsed < extension.times && report.extensionRequestedDays === null;
      case 'transfer_up':
      case 'transfer_township':
        return handlesIt && report.level === 'township';
      case 'close':
        return handlesIt && context.mayClose;
      default:
        return handlesIt;
    }
  });
}
