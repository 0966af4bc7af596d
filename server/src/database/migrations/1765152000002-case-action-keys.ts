import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/** The idempotency key of each case action (staff's, and the reporter's by query code): a retry does nothing twice. */
export class CaseActionKeys1765152000002 implements MigrationInterface {
  name = 'CaseActionKeys1765152000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'case_action_keys',
        columns: [
          id,
          { name: 'report_id', type: 'int' },
          // `staff:<account id>` or `reporter:<report id>`: one actor's keys never collide with another's.
          varchar('scope', 40),
          varchar('key_hash', 64),
          varchar('fingerprint', 64),
          datetime('created_at'),
        ],
        foreignKeys: [{ columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'] }],
        indices: [{ name: 'UQ_case_action_keys_scope_key', columnNames: ['scope', 'key_hash'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('case_action_keys');
  }
}
