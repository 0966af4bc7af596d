import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** How a rating came: from the reporter by query code, or by a county callback (回访) recorded under the county account's name. */
export class RatingWays1765152000004 implements MigrationInterface {
  name = 'RatingWays1765152000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('reports', [
      new TableColumn({ name: 'rated_by', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'rated_by_account', type: 'int', isNullable: true }),
    ]);
    await queryRunner.query("UPDATE reports SET rated_by = 'reporter' WHERE rating IS NOT NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('reports', 'rated_by_account');
    await queryRunner.dropColumn('reports', 'rated_by');
  }
}
