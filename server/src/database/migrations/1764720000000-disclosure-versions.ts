import { type MigrationInterface, type QueryRunner, Table, TableColumn, type TableColumnOptions } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/**
 * Disclosures drafted by the village and co-signed by its supervisor: every published text is kept
 * as a version, corrections and withdrawals are versions too, and each step is an event.
 */
export class DisclosureVersions1764720000000 implements MigrationInterface {
  name = 'DisclosureVersions1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.options.type === 'mysql';
    const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: isMysql ? 'mediumtext' : 'text', isNullable });
    const int = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'int', isNullable });

    await queryRunner.addColumns('disclosures', [
      new TableColumn({ ...varchar('status', 12), default: "'published'" }),
      new TableColumn({ name: 'version_no', type: 'int', default: 1 }),
      new TableColumn({ name: 'corrected', type: 'int', default: 0 }),
      new TableColumn(int('open_version_id', true)),
      new TableColumn(text('withdrawn_reason', true)),
      new TableColumn(datetime('withdrawn_at', true)),
      new TableColumn(text('correction_required', true)),
      new TableColumn(datetime('updated_at', true)),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'disclosure_versions',
        columns: [
          id,
          int('disclosure_id'),
          int('version_no'),
          varchar('action', 10),
          varchar('status', 10),
          varchar('title', 200),
          varchar('period', 20),
          text('body'),
          text('table_data', true),
          // Full ID numbers of an identity column, encrypted: for the subsidy self-look-up and red flags only.
          text('identity_data', true),
          text('reason', true),
          int('drafted_by', true),
          datetime('drafted_at'),
          datetime('submitted_at', true),
          int('reviewed_by', true),
          datetime('reviewed_at', true),
          text('review_comment', true),
          datetime('published_at', true),
        ],
        foreignKeys: [{ columnNames: ['disclosure_id'], referencedTableName: 'disclosures', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['disclosure_id', 'version_no'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'disclosure_events',
        columns: [id, int('disclosure_id'), int('account_id'), varchar('action', 30), text('comment', true), datetime('created_at')],
        foreignKeys: [{ columnNames: ['disclosure_id'], referencedTableName: 'disclosures', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['disclosure_id', 'created_at'] }],
      }),
    );
    // What was published before co-signing existed becomes version 1, with no names to show.
    await queryRunner.query(
      `INSERT INTO disclosure_versions (disclosure_id, version_no, action, status, title, period, body, table_data, drafted_at, published_at)
       SELECT id, 1, 'publish', 'published', title, period, body, table_data, published_at, published_at FROM disclosures`,
    );
    await queryRunner.query('UPDATE disclosures SET updated_at = published_at');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('disclosure_events');
    await queryRunner.dropTable('disclosure_versions');
    for (const column of [
      'updated_at',
      'correction_required',
      'withdrawn_at',
      'withdrawn_reason',
      'open_version_id',
      'corrected',
      'version_no',
      'status',
    ]) {
      await queryRunner.dropColumn('disclosures', column);
    }
  }
}
