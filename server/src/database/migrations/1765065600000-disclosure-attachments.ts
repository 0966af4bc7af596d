import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/** Photos and files of a disclosure's versions; the bytes live in the file store under `storage_key`. */
export class DisclosureAttachments1765065600000 implements MigrationInterface {
  name = 'DisclosureAttachments1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const int = (name: string) => ({ name, type: 'int' });
    await queryRunner.createTable(
      new Table({
        name: 'disclosure_attachments',
        columns: [
          id,
          int('disclosure_id'),
          int('version_id'),
          varchar('file_name', 100),
          varchar('content_type', 40),
          int('byte_size'),
          varchar('storage_key', 200),
          varchar('thumbnail_key', 200, true),
          int('created_by'),
          datetime('created_at'),
        ],
        foreignKeys: [
          { columnNames: ['disclosure_id'], referencedTableName: 'disclosures', referencedColumnNames: ['id'] },
          { columnNames: ['version_id'], referencedTableName: 'disclosure_versions', referencedColumnNames: ['id'] },
        ],
        // Listing a version's files; finding whether any other version still points at a stored file.
        indices: [{ columnNames: ['version_id'] }, { columnNames: ['storage_key'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('disclosure_attachments');
  }
}
