import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { varchar } from './columns.js';

/** The village page's report record, counted once per village and day. */
export class VillageRecordSnapshots1765324800001 implements MigrationInterface {
  name = 'VillageRecordSnapshots1765324800001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'village_record_snapshots',
        columns: [
          { ...varchar('village_code', 12), isPrimary: true },
          { ...varchar('as_of', 10), isPrimary: true },
          { name: 'received', type: 'int' },
          { name: 'answered', type: 'int' },
          { name: 'answered_on_time', type: 'int' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('village_record_snapshots');
  }
}
