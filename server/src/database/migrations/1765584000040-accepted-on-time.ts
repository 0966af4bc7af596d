import type { MigrationInterface, QueryRunner } from 'typeorm';

const FIGURES_BEFORE = 'handling_code, received_at, status, answered_at, missed_deadline, rating, rated_by, next_due_on';

/**
 * Whether the case's acceptance was decided on time, on the report itself (null while undecided), so the
 * county figures read the reports table alone instead of joining every report to its deadlines. Existing
 * reports take it from their met acceptance deadline: on time when met on or before its last day, China
 * time (before 16:00 UTC of that day). The figures' covering index gains the column.
 */
export class AcceptedOnTime1765584000040 implements MigrationInterface {
  name = 'AcceptedOnTime1765584000040';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    // Raw: TypeORM's addColumn rebuilds an SQLite table and loses the indexes it made with raw statements.
    await queryRunner.query('ALTER TABLE reports ADD COLUMN accepted_on_time int NULL');
    const lastMoment = isMysql ? "CONCAT(d.due_on, ' 16:00:00')" : "(d.due_on || ' 16:00:00')";
    await queryRunner.query(
      `UPDATE reports SET accepted_on_time = (SELECT MIN(CASE WHEN d.met_at < ${lastMoment} THEN 1 ELSE 0 END) FROM report_deadlines d` +
        ` WHERE d.report_id = reports.id AND d.kind = 'acceptance' AND d.met_at IS NOT NULL)`,
    );
    await this.replaceFiguresIndex(queryRunner, `${FIGURES_BEFORE}, accepted_on_time`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.replaceFiguresIndex(queryRunner, FIGURES_BEFORE);
    await queryRunner.query('ALTER TABLE reports DROP COLUMN accepted_on_time');
  }

  private async replaceFiguresIndex(queryRunner: QueryRunner, columns: string): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    await queryRunner.query(isMysql ? 'DROP INDEX IDX_reports_figures ON reports' : 'DROP INDEX IF EXISTS IDX_reports_figures');
    await queryRunner.query(`CREATE INDEX IDX_reports_figures ON reports (${columns})`);
  }
}
