import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { varchar } from './columns.js';

/**
 * A version number per scope of public content (a village, township or county code, or `*` for
 * everything), bumped in the same transaction as every write that changes what the public pages
 * show. Each instance compares it with what its in-memory page cache was built from.
 */
export class ContentVersions1765411200000 implements MigrationInterface {
  name = 'ContentVersions1765411200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'content_versions',
        columns: [
          { ...varchar('scope', 20), isPrimary: true },
          { name: 'version', type: 'bigint', default: 0 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('content_versions');
  }
}
