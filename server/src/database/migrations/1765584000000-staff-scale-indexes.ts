import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the staff views at a million reports, each for one query (most hold every column it reads):
 * - the inbox's urgency order (nearest due date first, then the newest), read in index order, for a
 *   region prefix and for a township's own cases;
 * - the inbox's count by status within a region prefix or a township, and its overdue filter;
 * - the county figures per handling township over a range of receipt dates, every column they count in the index;
 * - whether an acceptance was on time, by report; for the sweep, open deadlines by due date (every column
 *   it reads), provisional dates and lapsed replies.
 * Raw statements: TypeORM's index options cannot say DESC, which the urgency order needs.
 */
const INDEXES: [name: string, table: string, columns: string][] = [
  ['IDX_reports_urgency', 'reports', 'next_due_on, received_at DESC, id DESC'],
  ['IDX_reports_status_village', 'reports', 'status, village_code, next_due_on'],
  ['IDX_reports_handling_urgency', 'reports', 'handling_code, next_due_on, received_at DESC, id DESC'],
  ['IDX_reports_handling_status', 'reports', 'handling_code, status, next_due_on'],
  ['IDX_reports_figures', 'reports', 'handling_code, received_at, status, answered_at, missed_deadline, rating, rated_by, next_due_on'],
  ['IDX_reports_status_answered', 'reports', 'status, answered_at'],
  ['IDX_report_deadlines_report_kind', 'report_deadlines', 'report_id, kind, met_at, due_on'],
  ['IDX_report_deadlines_provisional', 'report_deadlines', 'provisional, met_at, cancelled_at'],
  ['IDX_report_deadlines_open', 'report_deadlines', 'met_at, cancelled_at, due_on, kind, report_id'],
];

export class StaffScaleIndexes1765584000000 implements MigrationInterface {
  name = 'StaffScaleIndexes1765584000000';

  // MySQL runs DDL outside transactions: a deploy stopped halfway leaves some indexes made, and the rerun skips them.
  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    for (const [name, table, columns] of INDEXES) {
      if (!isMysql) {
        await queryRunner.query(`CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`);
        continue;
      }
      const existing = (await queryRunner.query(
        'SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ? LIMIT 1',
        [table, name],
      )) as unknown[];
      if (!existing.length) await queryRunner.query(`CREATE INDEX ${name} ON ${table} (${columns})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    for (const [name, table] of INDEXES) await queryRunner.query(isMysql ? `DROP INDEX ${name} ON ${table}` : `DROP INDEX ${name}`);
  }
}
