import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * The nearest open staff deadline of each report, kept on the report row in the same transaction
 * as every step that moves a clock, so the inbox pages in urgency order in SQL.
 */
export class ReportNextDue1765152000001 implements MigrationInterface {
  name = 'ReportNextDue1765152000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('reports', new TableColumn({ name: 'next_due_on', type: 'varchar', length: '10', isNullable: true }));
    await queryRunner.query(
      `UPDATE reports SET next_due_on = (SELECT MIN(d.due_on) FROM report_deadlines d WHERE d.report_id = reports.id
        AND d.met_at IS NULL AND d.cancelled_at IS NULL AND d.kind <> 'review_request')`,
    );
    await queryRunner.createIndex(
      'reports',
      new TableIndex({ name: 'IDX_reports_status_next_due', columnNames: ['status', 'next_due_on'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reports', 'IDX_reports_status_next_due');
    await queryRunner.dropColumn('reports', 'next_due_on');
  }
}
