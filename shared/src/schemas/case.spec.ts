import { describe, expect, it } from '@jest/globals';
import { CASE_ACTIONS, type CaseAction, actionsAllowed, nextStatus } from './case.js';
import { REPORT_STATUSES, type ReportStatus } from './report.js';

const STATUSES = Object.keys(REPORT_STATUSES) as ReportStatus[];
const ACTIONS = Object.keys(CASE_ACTIONS) as CaseAction[];

/** The whole table, written out by hand: action → status it may start from → status it leads to. */
const EXPECTED: Record<CaseAction, Partial<Record<ReportStatus, ReportStatus>>> = {
  accept: { submitted: 'accepted' },
  decline: { submitted: 'declined' },
  assign: { submitted: 'submitted', accepted: 'accepted', under_review: 'under_review' },
  transfer_up: { submitted: 'submitted', accepted: 'accepted' },
  transfer_out: { submitted: 'transferred', accepted: 'transferred' },
  request_extension: { accepted: 'accepted' },
  approve_extension: { accepted: 'accepted' },
  refuse_extension: { accepted: 'accepted' },
  conclude: { accepted: 'concluded', under_review: 'concluded' },
  reply: { accepted: 'replied', concluded: 'replied', under_review: 'replied' },
  close: { replied: 'closed' },
  rate: { replied: 'replied' },
  request_review: { replied: 'under_review' },
  add_info: { submitted: 'submitted', accepted: 'accepted', concluded: 'concluded', under_review: 'under_review' },
  reclassify: { submitted: 'submitted', accepted: 'accepted', concluded: 'concluded', replied: 'replied', under_review: 'under_review' },
  note: Object.fromEntries(STATUSES.map((s) => [s, s])),
  mark_duplicate: { submitted: 'duplicate' },
  mark_invalid: { submitted: 'invalid' },
  transfer_township: { submitted: 'submitted' },
};

describe('case state machine', () => {
  for (const action of ACTIONS) {
    for (const status of STATUSES) {
      const expected = EXPECTED[action][status] ?? null;
      it(`${action} from ${status} ${expected ? `leads to ${expected}` : 'is refused'}`, () => {
        expect(nextStatus(action, status)).toBe(expected);
      });
    }
  }

  it('offers the reporter only rating and review once replied, and nothing once closed', () => {
    expect(actionsAllowed('replied', 'reporter')).toEqual(['rate', 'request_review']);
    expect(actionsAllowed('closed', 'reporter')).toEqual([]);
    expect(actionsAllowed('closed', 'staff')).toEqual(['note']);
  });
});
