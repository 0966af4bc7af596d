import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/** The columns that tie a real-name report to its reporter's sign-in, and the index each one's list reads. */
const REPORT_COLUMNS: [name: string, type: string][] = [
  ['reporter_account_id', 'int NULL'],
  ['reporter_phone_hash', 'varchar(64) NULL'],
  ['reporter_phone_verified', 'varchar(10) NULL'],
];
const REPORT_INDEXES: [name: string, columns: string][] = [
  ['IDX_reports_reporter_account', 'reporter_account_id, received_at'],
  ['IDX_reports_reporter_phone', 'reporter_phone_hash, received_at'],
];

/**
 * Reporters' own sign-ins (我的反映): a WeChat user is an account known by a keyed hash of its openid
 * (the openid itself only encrypted, for the notices sent to it); a session is a hashed random token,
 * of an account or of a phone checked by an SMS code. A real-name report keeps its reporter's account,
 * a keyed hash of the phone given, and how that phone was verified. Anonymous reports keep none of it.
 */
export class ReporterAccounts1765670400100 implements MigrationInterface {
  name = 'ReporterAccounts1765670400100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'reporter_accounts',
        columns: [id, varchar('openid_hash', 64), varchar('openid_enc', 255), datetime('created_at')],
        uniques: [{ name: 'UQ_reporter_accounts_openid', columnNames: ['openid_hash'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reporter_sessions',
        columns: [
          id,
          varchar('token_hash', 64),
          { name: 'account_id', type: 'int', isNullable: true },
          varchar('phone_hash', 64, true),
          varchar('verified_phone_enc', 255, true),
          datetime('verified_phone_until', true),
          datetime('created_at'),
          datetime('expires_at'),
        ],
        uniques: [{ name: 'UQ_reporter_sessions_token', columnNames: ['token_hash'] }],
        // Ended sessions are deleted by their end.
        indices: [{ name: 'IDX_reporter_sessions_expires', columnNames: ['expires_at'] }],
        foreignKeys: [
          { columnNames: ['account_id'], referencedTableName: 'reporter_accounts', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    // Raw: TypeORM's addColumn rebuilds an SQLite table and loses the indexes made with raw statements.
    for (const [name, type] of REPORT_COLUMNS) await queryRunner.query(`ALTER TABLE reports ADD COLUMN ${name} ${type}`);
    for (const [name, columns] of REPORT_INDEXES) await queryRunner.query(`CREATE INDEX ${name} ON reports (${columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    for (const [name] of REPORT_INDEXES) await queryRunner.query(isMysql ? `DROP INDEX ${name} ON reports` : `DROP INDEX ${name}`);
    for (const [name] of [...REPORT_COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE reports DROP COLUMN ${name}`);
    await queryRunner.dropTable('reporter_sessions');
    await queryRunner.dropTable('reporter_accounts');
  }
}
