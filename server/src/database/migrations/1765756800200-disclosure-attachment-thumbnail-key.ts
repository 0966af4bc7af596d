import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The disclosure files sweep asks, for each stored file it lists, whether a row names it: by storage key
 * (indexed since the table was made) or by thumbnail key, indexed here so a run does not read the whole table.
 */
export class DisclosureAttachmentThumbnailKey1765756800200 implements MigrationInterface {
  name = 'DisclosureAttachmentThumbnailKey1765756800200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX IDX_disclosure_attachments_thumbnail_key ON disclosure_attachments (thumbnail_key)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const on = queryRunner.connection.driver.options.type === 'mysql' ? ' ON disclosure_attachments' : '';
    await queryRunner.query(`DROP INDEX IDX_disclosure_attachments_thumbnail_key${on}`);
  }
}
