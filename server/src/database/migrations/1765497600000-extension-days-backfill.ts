import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `extension_days` (1765152000000) came with a default of 0, so a report whose extension was approved
 * before it existed would have its extended date settled back to the unextended end by the sweep.
 * The days granted then are read back from the approval events ("批准延期30天，…"), counting only
 * approvals after the report's last track correction (which ends an extension). Reports already
 * carrying extension days are left alone, so this is safe on a database that approved some since.
 */
export class ExtensionDaysBackfill1765497600000 implements MigrationInterface {
  name = 'ExtensionDaysBackfill1765497600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const events = (await queryRunner.query(
      `SELECT e.report_id AS reportId, e.type AS type, e.internal_text AS text FROM report_events e
        JOIN reports r ON r.id = e.report_id
        WHERE r.extension_used > 0 AND r.extension_days = 0 AND e.type IN ('approve_extension', 'reclassify')
        ORDER BY e.report_id, e.created_at, e.id`,
    )) as { reportId: number | string; type: string; text: string | null }[];
    const days = new Map<number, number>();
    for (const e of events) {
      const id = Number(e.reportId);
      if (e.type === 'reclassify') {
        days.delete(id);
        continue;
      }
      const granted = /批准延期(\d+)/.exec(e.text ?? '');
      if (granted) days.set(id, (days.get(id) ?? 0) + Number(granted[1]));
    }
    for (const [id, total] of days) {
      await queryRunner.query('UPDATE reports SET extension_days = ? WHERE id = ? AND extension_days = 0', [total, id]);
    }
  }

  async down(): Promise<void> {
    // The backfilled days are the true ones: nothing to undo.
  }
}
