import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/** The county's 督办 and 催办 on a case, each with the township's answer where one is owed. */
export class CaseSupervisions1765584000020 implements MigrationInterface {
  name = 'CaseSupervisions1765584000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'case_supervisions',
        columns: [
          id,
          { name: 'report_id', type: 'int' },
          varchar('kind', 10),
          { name: 'text', type: 'text' },
          { name: 'deadline_id', type: 'int', isNullable: true },
          { name: 'created_by', type: 'int' },
          datetime('created_at'),
          { name: 'answer_text', type: 'text', isNullable: true },
          { name: 'answered_by', type: 'int', isNullable: true },
          datetime('answered_at', true),
        ],
        foreignKeys: [{ columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['report_id', 'kind'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('case_supervisions');
  }
}
