import type { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTERS = [
  'received',
  'duplicates',
  'invalid',
  'answered',
  'answered_on_time',
  'rated',
  'rated_by_callback',
  'satisfied',
  'acceptance_decided',
  'accepted_on_time',
];
// As the figures counted when this was written: a repeat or a flood set aside is no report received.
const KEPT = "status NOT IN ('duplicate', 'invalid')";
const SATISFIED = "('very_satisfied', 'satisfied', 'basically_satisfied')";

/**
 * Computes the county figures' rollup from the reports there are (the migration's `up`, and `seed:load`
 * after its bulk inserts): one pass over the reports for the counters, one for the days to answer;
 * the years' and whole days' rows are summed from the months' tenths.
 */
export async function fillFiguresRollup(queryRunner: QueryRunner): Promise<void> {
  const isMysql = queryRunner.connection.driver.options.type === 'mysql';
  for (const table of ['figures_township_months', 'figures_answer_tenths', 'figures_answer_whole_days']) {
    await queryRunner.query(`DELETE FROM ${table}`);
  }
  const month = isMysql ? "DATE_FORMAT(received_at + INTERVAL 8 HOUR, '%Y-%m')" : "strftime('%Y-%m', received_at, '+8 hours')";
  // Days to answer in tenths, rounded half up, in whole milliseconds: as the server computes it for each change.
  const tenths = isMysql
    ? '(TIMESTAMPDIFF(MICROSECOND, received_at, answered_at) DIV 1000 + 4320000) DIV 8640000'
    : '(CAST(ROUND((julianday(answered_at) - julianday(received_at)) * 86400000) AS INTEGER) + 4320000) / 8640000';
  const concat = (...parts: string[]) => (isMysql ? `CONCAT(${parts.join(', ')})` : parts.join(' || '));
  const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const kept = (condition: string) => count(`${KEPT} AND ${condition}`);
  await queryRunner.query(
    `INSERT INTO figures_township_months (township_code, month, slot, ${COUNTERS.join(', ')})` +
      ` SELECT handling_code, ${month}, 0, ${[
        count(KEPT),
        count("status = 'duplicate'"),
        count("status = 'invalid'"),
        kept('answered_at IS NOT NULL'),
        kept('answered_at IS NOT NULL AND missed_deadline = 0'),
        kept('rating IS NOT NULL'),
        kept("rating IS NOT NULL AND rated_by = 'callback'"),
        kept(`rating IN ${SATISFIED}`),
        kept('accepted_on_time IS NOT NULL'),
        kept('accepted_on_time = 1'),
      ].join(', ')}` +
      ` FROM reports WHERE handling_code IS NOT NULL GROUP BY handling_code, ${month}`,
  );
  await queryRunner.query(
    `INSERT INTO figures_answer_tenths (township_code, tenths, period, answered) SELECT handling_code, ${tenths}, ${concat("'M'", month)}, COUNT(*)` +
      ` FROM reports WHERE handling_code IS NOT NULL AND ${KEPT} AND answered_at IS NOT NULL GROUP BY handling_code, ${tenths}, ${month}`,
  );
  const year = concat("'Y'", 'SUBSTR(period, 2, 4)');
  await queryRunner.query(
    `INSERT INTO figures_answer_tenths (township_code, tenths, period, answered) SELECT township_code, tenths, ${year}, SUM(answered)` +
      ` FROM figures_answer_tenths WHERE period LIKE 'M%' GROUP BY township_code, tenths, ${year}`,
  );
  const days = isMysql ? 'tenths DIV 10' : 'tenths / 10';
  await queryRunner.query(
    `INSERT INTO figures_answer_whole_days (township_code, period, days, answered) SELECT township_code, period, ${days}, SUM(answered)` +
      ` FROM figures_answer_tenths GROUP BY township_code, period, ${days}`,
  );
}

/**
 * The county figures' rollup: counters per township per China month of receipt (spread over a few
 * slots, so that one township's filings do not queue on one row), and answers per tenth of a day to
 * answer and per whole day, by month and by year of receipt, from which the median is read (the
 * whole days find the day it falls on, that day's tenths give it). Kept by the filing and every
 * workflow step from now on; computed here from the reports there are.
 */
export class FiguresRollup1765670400500 implements MigrationInterface {
  name = 'FiguresRollup1765670400500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE figures_township_months (township_code varchar(12) NOT NULL, month varchar(7) NOT NULL, slot int NOT NULL, ' +
        COUNTERS.map((c) => `${c} int NOT NULL DEFAULT 0`).join(', ') +
        ', PRIMARY KEY (township_code, month, slot))',
    );
    await queryRunner.query(
      'CREATE TABLE figures_answer_tenths (township_code varchar(12) NOT NULL, tenths int NOT NULL, period varchar(8) NOT NULL, ' +
        'answered int NOT NULL DEFAULT 0, PRIMARY KEY (township_code, tenths, period))',
    );
    await queryRunner.query(
      'CREATE TABLE figures_answer_whole_days (township_code varchar(12) NOT NULL, period varchar(8) NOT NULL, days int NOT NULL, ' +
        'answered int NOT NULL DEFAULT 0, PRIMARY KEY (township_code, period, days))',
    );
    await fillFiguresRollup(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE figures_answer_whole_days');
    await queryRunner.query('DROP TABLE figures_answer_tenths');
    await queryRunner.query('DROP TABLE figures_township_months');
  }
}
