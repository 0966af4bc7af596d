import { REPORTER_DEADLINE_KINDS } from '@mashang/shared';
import type { EntityManager } from 'typeorm';
import { ReportDeadlineEntity } from '../entities/report-deadline.entity.js';
import { ReportEntity } from '../entities/report.entity.js';

/**
 * Sets a report's `next_due_on` to its nearest open staff deadline, inside the caller's transaction:
 * every step that starts, meets, moves or ends a clock calls it, so the inbox can sort in SQL.
 */
export async function refreshNextDue(manager: EntityManager, reportId: number): Promise<void> {
  const row = await manager
    .createQueryBuilder(ReportDeadlineEntity, 'd')
    .select('MIN(d.due_on)', 'next')
    .where('d.report_id = :reportId AND d.met_at IS NULL AND d.cancelled_at IS NULL', { reportId })
    .andWhere('d.kind NOT IN (:...own)', { own: REPORTER_DEADLINE_KINDS })
    .getRawOne<{ next: string | null }>();
  await manager.update(ReportEntity, { id: reportId }, { nextDueOn: row?.next ?? null });
}
