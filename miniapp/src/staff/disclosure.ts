import type { StaffDisclosure, StaffRole } from '@mashang/shared';

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
