import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime } from './columns.js';

/** The states a case ends in (nothing but a note may follow) and the steps that lead there. */
const ENDED_STATUSES = "'closed', 'declined', 'transferred', 'duplicate', 'invalid'";
const ENDING_STEPS = "'close', 'decline', 'transfer_out', 'mark_duplicate', 'mark_invalid'";

/**
 * When each case ended, and when its reporter's personal data was removed: the retention sweep reads
 * the cases ended longer ago than the retention period and not yet cleared, through one small index,
 * instead of scanning the reports table. Cases already ended take the time of their ending step;
 * one with none (imported, or from before the steps were kept) takes this migration's time, so its
 * period starts now rather than from when it was received, and no personal data goes before its time.
 */
export class ReportRetention1765670400400 implements MigrationInterface {
  name = 'ReportRetention1765670400400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'report_retention',
        columns: [{ name: 'report_id', type: 'int', isPrimary: true }, datetime('ended_at'), datetime('personal_data_removed_at', true)],
        foreignKeys: [{ columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'] }],
        indices: [{ name: 'IDX_report_retention_due', columnNames: ['personal_data_removed_at', 'ended_at'] }],
      }),
    );
    // Stored as TypeORM stores a Date on both databases: UTC text with milliseconds.
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    await queryRunner.query(
      `INSERT INTO report_retention (report_id, ended_at)
       SELECT r.id, COALESCE((SELECT MAX(e.created_at) FROM report_events e WHERE e.report_id = r.id AND e.type IN (${ENDING_STEPS})), ?)
       FROM reports r WHERE r.status IN (${ENDED_STATUSES})`,
      [now],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_retention');
  }
}
