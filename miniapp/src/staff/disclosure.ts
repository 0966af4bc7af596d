import { VERSION_STATUSES, type StaffDisclosure, type StaffDisclosureRow, type StaffRole } from '@mashang/shared';

/**
 * 三务公开 from the staff side: what each role may do with a disclosure now. The server decides in the
 * end (ACTION_NOT_ALLOWED); these only decide which buttons a page offers.
 */
export type DisclosureAction = 'edit' | 'submit' | 'correct' | 'withdraw' | 'cosign' | 'send_back' | 'require_correction';

/** The roles that publish or watch disclosures. */
export function worksDisclosures(role: StaffRole): boolean {
  return role === 'village_publisher' || role === 'village_supervisor' || role === 'township_handler' || role === 'county_supervisor';
}

export function disclosureActions(role: StaffRole, d: Pick<StaffDisclosure, 'status' | 'open'>): DisclosureAction[] {
  const open = d.open;
  switch (role) {
    case 'village_publisher':
      if (open && open.action !== 'withdraw' && (open.status === 'draft' || open.status === 'returned')) return ['edit', 'submit'];
      if (!open && d.status === 'published') return ['correct', 'withdraw'];
      return [];
    case 'village_supervisor':
      return open?.status === 'submitted' ? ['cosign', 'send_back'] : [];
    case 'township_handler':
    case 'county_supervisor':
      return d.status === 'published' ? ['require_correction'] : [];
    default:
      return [];
  }
}

/** The colour of a status tag: settled (green), waiting on someone (orange), needing work (red), or plain. */
export type Tone = 'ok' | 'wait' | 'bad' | 'plain';

export const STATUS_TONES: Record<StaffDisclosure['status'], Tone> = { unpublished: 'plain', published: 'ok', withdrawn: 'plain' };

export const OPEN_STATUS_TONES: Record<NonNullable<StaffDisclosure['open']>['status'], Tone> = {
  draft: 'plain',
  submitted: 'wait',
  returned: 'bad',
  published: 'ok',
  discarded: 'plain',
};

/** What a version does once co-signed, as a word before its state: 「更正待监委会签」, 「撤回待监委会签」. */
const ACTION_WORDS: Record<NonNullable<StaffDisclosureRow['openAction']>, string> = { publish: '', correct: '更正', withdraw: '撤回' };

/**
 * The open version's state in words: 「待监委会签」 for a first publication, 「更正草稿」, 「更正待监委会签」 or
 * 「撤回待监委会签」 for one on a published disclosure; 「新版本…」 where the action is not known.
 */
export function openStatusText(
  d: Pick<StaffDisclosureRow, 'status' | 'openAction'> & { openStatus: NonNullable<StaffDisclosureRow['openStatus']> },
): string {
  const action = d.openAction ? ACTION_WORDS[d.openAction] : d.status === 'unpublished' ? '' : '新版本';
  if (action && d.openStatus === 'returned') return `${action}被退回修改`;
  return `${action}${VERSION_STATUSES[d.openStatus]}`;
}
