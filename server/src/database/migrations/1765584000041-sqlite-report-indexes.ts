import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * On SQLite, RatingReasons1765584000010 added its column with TypeORM's addColumn, which rebuilds the
 * table and kept only the indexes TypeORM knew of: the staff-scale ones made with raw statements were
 * lost. They come back here as they were made (the figures' one is AcceptedOnTime1765584000040's).
 * MySQL altered the table in place and kept them.
 */
const LOST: [name: string, columns: string][] = [
  ['IDX_reports_urgency', 'next_due_on, received_at DESC, id DESC'],
  ['IDX_reports_status_village', 'status, village_code, next_due_on'],
  ['IDX_reports_handling_urgency', 'handling_code, next_due_on, received_at DESC, id DESC'],
  ['IDX_reports_handling_status', 'handling_code, status, next_due_on'],
  ['IDX_reports_status_answered', 'status, answered_at'],
];

export class SqliteReportIndexes1765584000041 implements MigrationInterface {
  name = 'SqliteReportIndexes1765584000041';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'mysql') return;
    for (const [name, columns] of LOST) await queryRunner.query(`CREATE INDEX IF NOT EXISTS ${name} ON reports (${columns})`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the indexes belong to StaffScaleIndexes1765584000000.
  }
}
