import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime, varchar } from './columns.js';

/** A county's own 三务公开 calendar, replacing the shipped one for its villages. */
export class CountyDisclosureCalendars1764979200000 implements MigrationInterface {
  name = 'CountyDisclosureCalendars1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'county_disclosure_calendars',
        columns: [
          { ...varchar('county_code', 6), isPrimary: true },
          { name: 'calendar', type: 'text' },
          { name: 'updated_by', type: 'int' },
          datetime('updated_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('county_disclosure_calendars');
  }
}
