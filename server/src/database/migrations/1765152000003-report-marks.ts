import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** A report marked 重复 names the earlier report of the same jurisdiction that is handled instead. */
export class ReportMarks1765152000003 implements MigrationInterface {
  name = 'ReportMarks1765152000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('reports', new TableColumn({ name: 'duplicate_of_id', type: 'int', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('reports', 'duplicate_of_id');
  }
}
