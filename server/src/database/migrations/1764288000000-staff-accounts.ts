import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

export class StaffAccounts1764288000000 implements MigrationInterface {
  name = 'StaffAccounts1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'staff_accounts',
        columns: [
          id,
          { ...varchar('username', 40), isUnique: true },
          varchar('display_name', 20),
          varchar('role', 30),
          varchar('region_code', 12),
          varchar('password_hash', 255),
          { name: 'disabled', type: 'int', default: 0 },
          { name: 'failed_logins', type: 'int', default: 0 },
          datetime('locked_until', true),
          datetime('created_at'),
        ],
        indices: [{ columnNames: ['region_code'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_sessions',
        columns: [
          id,
          { ...varchar('token_hash', 64), isUnique: true },
          { name: 'account_id', type: 'int' },
          datetime('created_at'),
          datetime('expires_at'),
          datetime('revoked_at', true),
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'staff_accounts', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['account_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id,
          { name: 'account_id', type: 'int' },
          varchar('action', 40),
          { name: 'report_id', type: 'int', isNullable: true },
          datetime('created_at'),
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'staff_accounts', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['created_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'staff_sessions', 'staff_accounts']) await queryRunner.dropTable(table);
  }
}
