import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime } from './columns.js';

/** Holiday schedules an admin enters for years the calendar package does not know yet. */
export class CalendarYears1764460800000 implements MigrationInterface {
  name = 'CalendarYears1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'calendar_years',
        columns: [
          { name: 'year', type: 'int', isPrimary: true },
          { name: 'holidays', type: 'text' },
          { name: 'workdays', type: 'text' },
          { name: 'updated_by', type: 'int' },
          datetime('updated_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_years');
  }
}
