import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/**
 * A villager's photos and files: uploaded before the filing (pending, `report_id` null), attached by
 * it, dropped if unused after a day. No file name, address or device is kept: only what was stored.
 */
export class ReportAttachments1765670400300 implements MigrationInterface {
  name = 'ReportAttachments1765670400300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'report_attachments',
        columns: [
          id,
          // SHA-256 of the upload id the uploader holds: a copy of the table gives no id to file with.
          varchar('upload_hash', 64),
          { name: 'report_id', type: 'int', isNullable: true },
          varchar('content_type', 40),
          { name: 'byte_size', type: 'int' },
          varchar('storage_key', 200),
          varchar('thumbnail_key', 200, true),
          datetime('created_at'),
          datetime('attached_at', true),
        ],
        foreignKeys: [{ columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'] }],
        // Attaching by id; listing a case's files; the sweep of unused uploads by age.
        indices: [{ columnNames: ['upload_hash'], isUnique: true }, { columnNames: ['report_id'] }, { columnNames: ['created_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_attachments');
  }
}
