import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/**
 * The outbox of work done outside requests (progress notices first), the reporters' one-time WeChat
 * subscribe grants, and the SMS sign-in codes of phones.
 */
export class Notifications1765670400200 implements MigrationInterface {
  name = 'Notifications1765670400200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'outbox_jobs',
        columns: [
          id,
          varchar('kind', 32),
          { name: 'report_id', type: 'int', isNullable: true },
          { name: 'payload', type: 'text' },
          varchar('status', 10),
          { name: 'attempts', type: 'int', default: 0 },
          datetime('next_attempt_at'),
          varchar('claimed_by', 64, true),
          datetime('claimed_until', true),
          varchar('last_error', 255, true),
          varchar('channel', 10, true),
          datetime('created_at'),
          datetime('done_at', true),
        ],
        // The worker's one query: due pending jobs, oldest first. The report's, for its case page.
        indices: [{ columnNames: ['status', 'next_attempt_at'] }, { columnNames: ['report_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_subscriptions',
        columns: [
          id,
          { name: 'report_id', type: 'int' },
          varchar('event', 16),
          varchar('template_id', 128),
          varchar('status', 10),
          datetime('created_at'),
          datetime('used_at', true),
        ],
        foreignKeys: [{ columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'] }],
        uniques: [{ name: 'UQ_report_subscriptions_event', columnNames: ['report_id', 'event'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'phone_codes',
        columns: [
          id,
          varchar('phone_hash', 64),
          varchar('code_hash', 64),
          { name: 'attempts', type: 'int', default: 0 },
          datetime('expires_at'),
          datetime('created_at'),
        ],
        uniques: [{ name: 'UQ_phone_codes_phone', columnNames: ['phone_hash'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('phone_codes');
    await queryRunner.dropTable('report_subscriptions');
    await queryRunner.dropTable('outbox_jobs');
  }
}
