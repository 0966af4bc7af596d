import type { MigrationInterface, QueryRunner } from 'typeorm';

/** WeChat's text check verdict on a real-name mini-program report (null: not checked), shown to staff. */
export class TextCheckVerdicts1765670400410 implements MigrationInterface {
  name = 'TextCheckVerdicts1765670400410';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Raw: TypeORM's addColumn rebuilds an SQLite table and loses the indexes made with raw statements.
    await queryRunner.query('ALTER TABLE reports ADD COLUMN text_check_suggest varchar(10) NULL');
    await queryRunner.query('ALTER TABLE reports ADD COLUMN text_check_label int NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE reports DROP COLUMN text_check_label');
    await queryRunner.query('ALTER TABLE reports DROP COLUMN text_check_suggest');
  }
}
