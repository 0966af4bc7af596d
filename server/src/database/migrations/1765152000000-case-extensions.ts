import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Who asked for a pending extension (nobody approves their own), and the days granted in all, so a
 * provisional extended date can be settled from the unmoved end of the period like any other.
 */
export class CaseExtensions1765152000000 implements MigrationInterface {
  name = 'CaseExtensions1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('reports', [
      new TableColumn({ name: 'extension_requested_by', type: 'int', isNullable: true }),
      new TableColumn({ name: 'extension_days', type: 'int', default: 0 }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('reports', 'extension_days');
    await queryRunner.dropColumn('reports', 'extension_requested_by');
  }
}
