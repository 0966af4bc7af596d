import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/**
 * 大数据比对: the township's cadre roster and deceased list, the county's subsidy standards, an index
 * of who is on which published list (by keyed hash of the ID number), and the flags raised.
 */
export class RedFlags1764806400000 implements MigrationInterface {
  name = 'RedFlags1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.options.type === 'mysql';
    const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: isMysql ? 'mediumtext' : 'text', isNullable });
    const int = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'int', isNullable });
    const person = [varchar('name', 20), varchar('id_hash', 64), varchar('id_masked', 18)];

    await queryRunner.createTable(
      new Table({
        name: 'cadre_roster',
        columns: [id, varchar('village_code', 12), ...person, varchar('position', 40), datetime('created_at')],
        indices: [{ columnNames: ['village_code'] }, { columnNames: ['id_hash'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'deceased_persons',
        columns: [id, varchar('township_code', 9), ...person, varchar('died_on', 10), datetime('created_at')],
        indices: [{ columnNames: ['township_code'] }, { columnNames: ['id_hash'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'subsidy_standards',
        columns: [
          { ...varchar('county_code', 6), isPrimary: true },
          { ...varchar('disclosure_type', 30), isPrimary: true },
          // In fen, so amounts compare exactly.
          { name: 'min_fen', type: 'bigint' },
          { name: 'max_fen', type: 'bigint' },
          int('updated_by'),
          datetime('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'recipient_index',
        columns: [
          id,
          int('disclosure_id'),
          int('version_no'),
          varchar('village_code', 12),
          varchar('disclosure_type', 30),
          varchar('period', 20),
          int('row_index'),
          varchar('id_hash', 64),
        ],
        indices: [{ columnNames: ['id_hash', 'disclosure_type', 'period'] }, { columnNames: ['disclosure_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'red_flag_checks',
        columns: [{ ...int('disclosure_id'), isPrimary: true }, { ...int('version_no'), isPrimary: true }, datetime('checked_at')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'red_flags',
        columns: [
          id,
          // One flag per finding: kind, list, version, line and what it matched, so a recheck adds nothing twice.
          { ...varchar('finding_key', 160), isUnique: true },
          varchar('kind', 30),
          varchar('status', 10),
          int('disclosure_id'),
          int('version_no'),
          varchar('village_code', 12),
          int('row_index'),
          text('evidence'),
          datetime('raised_at'),
          text('resolution', true),
          int('resolved_by', true),
          datetime('resolved_at', true),
          varchar('report_no', 16, true),
        ],
        indices: [{ columnNames: ['village_code', 'status'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['red_flags', 'red_flag_checks', 'recipient_index', 'subsidy_standards', 'deceased_persons', 'cadre_roster']) {
      await queryRunner.dropTable(table);
    }
  }
}
