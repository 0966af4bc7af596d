import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The county's 待办 asks of every open case in the county whether a 督办 went to the township handling
 * it and whether that 督办 is overdue: two subqueries a row, some 3 s over a county of a million reports.
 * The answers are kept on the report row instead, beside `next_due_on` and by the same function
 * (`refreshNextDue`):
 * - `supervised_here`: a 督办 went to the township handling the case now (its clock not stopped);
 * - `supervision_due_on`: the date of the open one, null when none is open.
 * The inbox's two counting indexes, a region's (by status and village) and a township's (by status),
 * carry every column its filters read (category, village, 待办) and its order needs (due date, date of
 * receipt), so a filtered page is counted and sorted from the index alone: a category or a village
 * took some 1.5 s over a county of a million reports, reading a row per open case.
 */
const INDEXES = {
  // A region's urgency order, with where each case is and its status: the planner skips other counties'
  // cases in the index (a province's are there too) instead of reading each one's row.
  IDX_reports_urgency: 'next_due_on, received_at DESC, id DESC, village_code, status',
  IDX_reports_status_village:
    'status, village_code, next_due_on, category, received_at, level, escalated, extension_requested_days, supervised_here, supervision_due_on',
  IDX_reports_handling_status: 'handling_code, status, next_due_on, village_code, category, received_at, level, supervision_due_on',
};
/** The statuses a case is open in, as the 督办 rules know them (CaseSupervision's OPEN): a migration keeps its own copy. */
const OPEN = ['submitted', 'accepted', 'concluded', 'replied', 'under_review'];
const BEFORE = {
  IDX_reports_urgency: 'next_due_on, received_at DESC, id DESC',
  IDX_reports_status_village: 'status, village_code, next_due_on',
  IDX_reports_handling_status: 'handling_code, status, next_due_on',
};

export class InboxTodoColumns1765756800000 implements MigrationInterface {
  name = 'InboxTodoColumns1765756800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    // Raw: TypeORM's addColumn rebuilds an SQLite table and loses the indexes made with raw statements.
    await queryRunner.query('ALTER TABLE reports ADD COLUMN supervised_here int NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE reports ADD COLUMN supervision_due_on varchar(10) NULL');
    // A 督办 ends when its case leaves the township (sent up, handed on, ended): before this release a clock,
    // answered or not, could outlive that. Stopped now, as CaseSupervision's endIfLeft stops them from here on.
    await queryRunner.query(
      "UPDATE report_deadlines SET cancelled_at = ? WHERE kind = 'supervision' AND cancelled_at IS NULL AND (" +
        ` report_id IN (SELECT id FROM reports WHERE level <> 'township' OR status NOT IN (${OPEN.map((s) => `'${s}'`).join(', ')}))` +
        ' OR EXISTS (SELECT 1 FROM case_transfers t WHERE t.report_id = report_deadlines.report_id AND t.created_at >= report_deadlines.started_at))',
      [new Date().toISOString().slice(0, 23).replace('T', ' ')],
    );
    const clocks = "SELECT report_id FROM report_deadlines WHERE kind = 'supervision' AND cancelled_at IS NULL";
    await queryRunner.query(`UPDATE reports SET supervised_here = 1 WHERE id IN (${clocks})`);
    await queryRunner.query(
      'UPDATE reports SET supervision_due_on = (SELECT MIN(d.due_on) FROM report_deadlines d' +
        " WHERE d.report_id = reports.id AND d.kind = 'supervision' AND d.met_at IS NULL AND d.cancelled_at IS NULL)" +
        ` WHERE id IN (${clocks} AND met_at IS NULL)`,
    );
    for (const [name, columns] of Object.entries(INDEXES)) {
      await queryRunner.query(isMysql ? `DROP INDEX ${name} ON reports` : `DROP INDEX ${name}`);
      await queryRunner.query(`CREATE INDEX ${name} ON reports (${columns})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    for (const [name, columns] of Object.entries(BEFORE)) {
      await queryRunner.query(isMysql ? `DROP INDEX ${name} ON reports` : `DROP INDEX ${name}`);
      await queryRunner.query(`CREATE INDEX ${name} ON reports (${columns})`);
    }
    await queryRunner.query('ALTER TABLE reports DROP COLUMN supervision_due_on');
    await queryRunner.query('ALTER TABLE reports DROP COLUMN supervised_here');
  }
}
