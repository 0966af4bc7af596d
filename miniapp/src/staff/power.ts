import type { StaffRole } from '@mashang/shared';

/**
 * 小微权力清单 from the staff side. The server decides in the end (FORBIDDEN); these only decide
 * which pages and buttons a role is offered.
 */

/** Roles that read the county's templates and a village's list. */
export function readsPowerList(role: StaffRole): boolean {
  return role === 'county_supervisor' || role === 'township_handler' || role === 'village_publisher' || role === 'village_supervisor';
}

/** Only the county writes templates. */
export function writesTemplates(role: StaffRole): boolean {
  return role === 'county_supervisor';
}
