import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The reasons a reporter ticked when not satisfied with an answer (好差评), kept with the rating as a comma-separated list of codes. */
export class RatingReasons1765584000010 implements MigrationInterface {
  name = 'RatingReasons1765584000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('reports', new TableColumn({ name: 'rating_reasons', type: 'varchar', length: '100', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('reports', 'rating_reasons');
  }
}
