import { type CaseAction, actionsAllowed } from '@mashang/shared';
import type { DeadlineCalculator } from '../deadline/deadline-calculator.js';
import type { ReportEntity } from '../report/report.entity.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';

/**
 * Which staff actions an account may take on a case now, beyond what the state allows:
 * the level handling the case acts on it; the county approves extensions; anyone in the
 * jurisdiction may add an internal note.
 */
export function staffActionsFor(account: StaffAccountEntity, report: ReportEntity, deadlines: DeadlineCalculator): CaseAction[] {
  const handlesIt =
    (report.level === 'township' && account.role === 'township_handler') || (report.level === 'county' && account.role === 'county_supervisor');
  const extension = deadlines.extensionOf(report.track);
  return actionsAllowed(report.status, 'staff').filter((action) => {
    switch (action) {
      case 'note':
        return true;
      case 'approve_extension':
        return account.role === 'county_supervisor' && report.extensionRequestedDays !== null;
      case 'request_extension':
        return handlesIt && !!extension && report.extensionUsed < extension.times && report.extensionRequestedDays === null;
      case 'transfer_up':
        return handlesIt && report.level === 'township';
      case 'close':
        // An unsatisfied reporter may still ask for review; other cases can be filed away.
        return handlesIt && report.rating !== 'unsatisfied';
      default:
        return handlesIt;
    }
  });
}
