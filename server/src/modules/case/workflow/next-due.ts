import { REPORTER_DEADLINE_KINDS } from '@mashang/shared';
import type { EntityManager } from 'typeorm';
import { ReportDeadlineEntity } from '../entities/report-deadline.entity.js';
import { ReportEntity } from '../entities/report.entity.js';

/**
 * Sets what the inbox sorts and filters on from a report's clocks, inside the caller's transaction:
 * `next_due_on`, its nearest open staff deadline, and the state of the 督办 to the township handling
 * it (`supervised_here`, `supervision_due_on`). Every step that starts, meets, moves or ends a clock
 * calls it, so the inbox can sort and count in SQL, from an index.
 */
export async function refreshNextDue(manager: EntityManager, reportId: number): Promise<void> {
  const row = await manager
    .createQueryBuilder(ReportDeadlineEntity, 'd')
    .select('MIN(CASE WHEN d.met_at IS NULL AND d.kind NOT IN (:...own) THEN d.due_on END)', 'next')
    .addSelect("MAX(CASE WHEN d.kind = 'supervision' THEN 1 ELSE 0 END)", 'supervised')
    .addSelect("MIN(CASE WHEN d.kind = 'supervision' AND d.met_at IS NULL THEN d.due_on END)", 'supervisionDue')
    .where('d.report_id = :reportId AND d.cancelled_at IS NULL', { reportId, own: REPORTER_DEADLINE_KINDS })
    .getRawOne<{ next: string | null; supervised: string | number | null; supervisionDue: string | null }>();
  await manager.update(
    ReportEntity,
    { id: reportId },
    { nextDueOn: row?.next ?? null, supervisedHere: Number(row?.supervised ?? 0), supervisionDueOn: row?.supervisionDue ?? null },
  );
}
