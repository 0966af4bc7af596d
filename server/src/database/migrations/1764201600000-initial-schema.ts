import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

const hash64 = (name: string): TableColumnOptions => varchar(name, 64);

/** Written with the Table API so that one migration serves SQLite and MySQL alike. */
export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    if (isMysql) await assertUtf8mb4(queryRunner);
    // MySQL's TEXT stops at 64 KB; published tables and report texts can be longer.
    const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: isMysql ? 'mediumtext' : 'text', isNullable });

    await queryRunner.createTable(
      new Table({
        name: 'regions',
        columns: [
          { ...varchar('code', 12), isPrimary: true },
          varchar('name', 50),
          varchar('level', 10),
          varchar('parent_code', 12, true),
          varchar('hotline', 30, true),
        ],
        indices: [{ columnNames: ['parent_code'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'power_items',
        columns: [
          id,
          varchar('village_code', 12),
          varchar('category', 30),
          varchar('title', 100),
          text('basis'),
          varchar('responsible', 100),
          text('publicity'),
          text('chart'),
          { name: 'sort_order', type: 'int', default: 0 },
        ],
        indices: [{ columnNames: ['village_code', 'sort_order'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'disclosures',
        columns: [
          id,
          varchar('village_code', 12),
          varchar('kind', 10),
          varchar('type', 30),
          varchar('title', 200),
          varchar('period', 20),
          text('body'),
          text('table_data', true),
          datetime('published_at'),
        ],
        indices: [{ columnNames: ['village_code', 'kind', 'published_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reports',
        columns: [
          id,
          { ...varchar('report_no', 16), isUnique: true },
          varchar('village_code', 12),
          varchar('category', 30),
          text('content'),
          varchar('concerned', 100, true),
          varchar('happened_at', 50, true),
          text('subject', true),
          varchar('mode', 10),
          varchar('reporter_name_enc', 255, true),
          varchar('reporter_phone_enc', 255, true),
          { ...hash64('query_code_hash'), isUnique: true },
          { ...hash64('idempotency_key_hash'), isUnique: true },
          hash64('request_fingerprint'),
          varchar('status', 20),
          datetime('received_at'),
          varchar('acceptance_due_on', 10),
          { name: 'acceptance_due_provisional', type: 'int', default: 0 },
          datetime('answered_at', true),
        ],
        indices: [{ columnNames: ['village_code', 'received_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_events',
        columns: [
          id,
          { name: 'report_id', type: 'int' },
          varchar('type', 30),
          varchar('actor', 40),
          text('public_text', true),
          datetime('created_at'),
        ],
        foreignKeys: [{ columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['report_id', 'created_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['report_events', 'reports', 'disclosures', 'power_items', 'regions']) {
      await queryRunner.dropTable(table);
    }
  }
}

/** Chinese text needs utf8mb4; a latin1 database would mangle it silently, so refuse early. */
async function assertUtf8mb4(queryRunner: QueryRunner): Promise<void> {
  const [row] = (await queryRunner.query('SELECT @@character_set_database AS charset')) as { charset: string }[];
  if (row?.charset !== 'utf8mb4') {
    throw new Error(
      `The MySQL database uses character set ${row?.charset}; create it with CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  }
}
