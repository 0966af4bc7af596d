import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

/**
 * The case workflow: tracks and levels on reports, every deadline in its own row (the acceptance
 * due date moves there from the reports table), and the alerts the sweep raises exactly once.
 */
export class CaseWorkflow1764374400000 implements MigrationInterface {
  name = 'CaseWorkflow1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    await queryRunner.addColumns('reports', [
      new TableColumn({ name: 'track', type: 'varchar', length: '20', default: "'accusation'" }),
      new TableColumn({ name: 'channel', type: 'varchar', length: '10', default: "'online'" }),
      new TableColumn({ name: 'level', type: 'varchar', length: '10', default: "'township'" }),
      new TableColumn({ name: 'assignee_id', type: 'int', isNullable: true }),
      new TableColumn({ name: 'escalated', type: 'int', default: 0 }),
      new TableColumn({ name: 'extension_used', type: 'int', default: 0 }),
      new TableColumn({ name: 'extension_requested_days', type: 'int', isNullable: true }),
      new TableColumn({ name: 'missed_deadline', type: 'int', default: 0 }),
      new TableColumn({ name: 'rating', type: 'varchar', length: '30', isNullable: true }),
      // Bumped by every step of the workflow: two concurrent steps cannot both apply.
      new TableColumn({ name: 'version', type: 'int', default: 0 }),
    ]);
    await queryRunner.addColumn(
      'report_events',
      new TableColumn({ name: 'internal_text', type: isMysql ? 'mediumtext' : 'text', isNullable: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_deadlines',
        columns: [
          id,
          { name: 'report_id', type: 'int' },
          varchar('kind', 20),
          varchar('due_on', 10),
          { name: 'provisional', type: 'int', default: 0 },
          datetime('started_at'),
          datetime('met_at', true),
          datetime('cancelled_at', true),
        ],
        foreignKeys: [{ columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['report_id'] }, { columnNames: ['met_at', 'cancelled_at', 'due_on'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'case_alerts',
        columns: [
          id,
          { name: 'report_id', type: 'int' },
          { name: 'deadline_id', type: 'int' },
          varchar('kind', 10),
          // The last day the alert was raised for: a deadline moved by an extension gets fresh alerts.
          varchar('due_on', 10),
          varchar('region_code', 12),
          datetime('created_at'),
        ],
        foreignKeys: [
          { columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'] },
          { columnNames: ['deadline_id'], referencedTableName: 'report_deadlines', referencedColumnNames: ['id'] },
        ],
        indices: [
          // The guarantee that each reminder and escalation happens once, however many instances sweep.
          // (A unique index, not a constraint: TypeORM's MySQL driver drops table-level constraints.)
          { columnNames: ['deadline_id', 'kind', 'due_on'], isUnique: true },
          { columnNames: ['region_code', 'created_at'] },
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO report_deadlines (report_id, kind, due_on, provisional, started_at)
       SELECT id, 'acceptance', acceptance_due_on, acceptance_due_provisional, received_at FROM reports`,
    );
    await queryRunner.dropColumn('reports', 'acceptance_due_on');
    await queryRunner.dropColumn('reports', 'acceptance_due_provisional');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('reports', [
      new TableColumn({ name: 'acceptance_due_on', type: 'varchar', length: '10', default: "''" }),
      new TableColumn({ name: 'acceptance_due_provisional', type: 'int', default: 0 }),
    ]);
    await queryRunner.query(
      `UPDATE reports SET acceptance_due_on = (SELECT d.due_on FROM report_deadlines d WHERE d.report_id = reports.id AND d.kind = 'acceptance' ORDER BY d.id LIMIT 1)`,
    );
    await queryRunner.dropColumn('report_events', 'internal_text');
    await queryRunner.dropTable('case_alerts');
    await queryRunner.dropTable('report_deadlines');
    for (const column of [
      'track',
      'channel',
      'level',
      'assignee_id',
      'escalated',
      'extension_used',
      'extension_requested_days',
      'missed_deadline',
      'rating',
      'version',
    ]) {
      await queryRunner.dropColumn('reports', column);
    }
  }
}
