import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { varchar } from './columns.js';

/** Hit counters of the rate limits, shared by every server instance on the database. */
export class RateLimits1764633600000 implements MigrationInterface {
  name = 'RateLimits1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rate_limit_hits',
        columns: [
          { ...varchar('bucket', 80), isPrimary: true },
          { name: 'window_start', type: 'bigint', isPrimary: true },
          { name: 'hits', type: 'int', default: 0 },
        ],
        indices: [{ columnNames: ['window_start'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limit_hits');
  }
}
