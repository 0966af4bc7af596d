import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime, varchar } from './columns.js';

/** A county's own version of the deadline rules, replacing the shipped file for that county. */
export class CountyDeadlineRules1764547200000 implements MigrationInterface {
  name = 'CountyDeadlineRules1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'county_deadline_rules',
        columns: [
          { ...varchar('county_code', 6), isPrimary: true },
          { name: 'rules', type: 'text' },
          { name: 'updated_by', type: 'int' },
          datetime('updated_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('county_deadline_rules');
  }
}
