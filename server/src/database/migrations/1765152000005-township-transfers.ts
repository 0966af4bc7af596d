import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/**
 * A case transferred to another township moves there: each report names the township handling it
 * (its own village's until then), and each transfer leaves the sender one read-only line.
 */
export class TownshipTransfers1765152000005 implements MigrationInterface {
  name = 'TownshipTransfers1765152000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('reports', new TableColumn({ name: 'handling_code', type: 'varchar', length: '12', isNullable: true }));
    await queryRunner.query('UPDATE reports SET handling_code = SUBSTR(village_code, 1, 9)');
    await queryRunner.createIndex(
      'reports',
      new TableIndex({ name: 'IDX_reports_handling_next_due', columnNames: ['handling_code', 'next_due_on'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'case_transfers',
        columns: [id, { name: 'report_id', type: 'int' }, varchar('from_code', 12), varchar('to_code', 12), datetime('created_at')],
        foreignKeys: [{ columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['from_code', 'created_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('case_transfers');
    await queryRunner.dropIndex('reports', 'IDX_reports_handling_next_due');
    await queryRunner.dropColumn('reports', 'handling_code');
  }
}
