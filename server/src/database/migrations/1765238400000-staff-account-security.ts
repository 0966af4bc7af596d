import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/**
 * Staff accounts that cannot be abused: sign-in failures counted per (account, client address)
 * instead of one lock per account, temporary passwords that must be changed, two-factor sign-in
 * with recovery codes, and an audit log that names what changed and flags fresh accounts' reveals.
 * `staff_accounts.failed_logins` and `locked_until` are no longer read (the throttle table replaces them).
 */
export class StaffAccountSecurity1765238400000 implements MigrationInterface {
  name = 'StaffAccountSecurity1765238400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('staff_accounts', [
      new TableColumn({ name: 'must_change_password', type: 'int', default: 0 }),
      new TableColumn(datetime('password_reset_at', true)),
      new TableColumn({ name: 'totp_secret', type: 'text', isNullable: true }),
      new TableColumn({ name: 'totp_pending_secret', type: 'text', isNullable: true }),
      new TableColumn(datetime('totp_enabled_at', true)),
      new TableColumn({ name: 'totp_last_step', type: 'bigint', isNullable: true }),
    ]);
    await queryRunner.addColumns('staff_sessions', [
      // 'active', or 'two_factor' for a password-checked sign-in that still owes its code.
      new TableColumn({ ...varchar('stage', 20), default: "'active'" }),
      new TableColumn({ name: 'attempts', type: 'int', default: 0 }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          // Keyed hashes: of the username (known or not) or account, and of the client address.
          { ...varchar('subject', 64), isPrimary: true },
          { ...varchar('client', 64), isPrimary: true },
          { name: 'attempts', type: 'int', default: 0 },
          datetime('updated_at'),
        ],
        indices: [{ columnNames: ['updated_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_recovery_codes',
        columns: [id, { name: 'account_id', type: 'int' }, varchar('code_hash', 64), datetime('used_at', true)],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'staff_accounts', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['account_id', 'code_hash'], isUnique: true }],
      }),
    );
    await queryRunner.addColumns('audit_log', [
      new TableColumn({ name: 'target_account_id', type: 'int', isNullable: true }),
      new TableColumn({ name: 'flagged', type: 'int', default: 0 }),
      new TableColumn({ name: 'details', type: 'text', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['details', 'flagged', 'target_account_id']) await queryRunner.dropColumn('audit_log', column);
    await queryRunner.dropTable('staff_recovery_codes');
    await queryRunner.dropTable('login_throttle');
    for (const column of ['attempts', 'stage']) await queryRunner.dropColumn('staff_sessions', column);
    for (const column of [
      'totp_last_step',
      'totp_enabled_at',
      'totp_pending_secret',
      'totp_secret',
      'password_reset_at',
      'must_change_password',
    ])
      await queryRunner.dropColumn('staff_accounts', column);
  }
}
