import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The uploads clean-up asks, for each stored file it lists, whether a row names it: by storage key or
 * by thumbnail key. Without these indexes each run read the whole table (1.5 s at a million rows).
 */
export class AttachmentFileKeys1765756800010 implements MigrationInterface {
  name = 'AttachmentFileKeys1765756800010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX IDX_report_attachments_storage_key ON report_attachments (storage_key)');
    await queryRunner.query('CREATE INDEX IDX_report_attachments_thumbnail_key ON report_attachments (thumbnail_key)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const on = queryRunner.connection.driver.options.type === 'mysql' ? ' ON report_attachments' : '';
    await queryRunner.query(`DROP INDEX IDX_report_attachments_thumbnail_key${on}`);
    await queryRunner.query(`DROP INDEX IDX_report_attachments_storage_key${on}`);
  }
}
