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
 * The county figures' rollup: counters per township per China month of receipt (spread over a few
 * slots, so that one township's filings do not queue on one row), and answers per tenth of a day to
 * answer, from which the median is read. Kept by the filing and every workflow step from now on;
 * computed here from the reports there are, in one pass over the reports table for each.
 */
export class FiguresRollup1765670400500 implements MigrationInterface {
  name = 'FiguresRollup1765670400500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    await queryRunner.query(
      'CREATE TABLE figures_township_months (township_code varchar(12) NOT NULL, month varchar(7) NOT NULL, slot int NOT NULL, ' +
        COUNTERS.map((c) => `${c} int NOT NULL DEFAULT 0`).join(', ') +
        ', PRIMARY KEY (township_code, month, slot))',
    );
    await queryRunner.query(
      'CREATE TABLE figures_answer_days (township_code varchar(12) NOT NULL, month varchar(7) NOT NULL, tenths int NOT NULL, ' +
        'answered int NOT NULL DEFAULT 0, PRIMARY KEY (township_code, month, tenths))',
    );
    const month = isMysql ? "DATE_FORMAT(received_at + INTERVAL 8 HOUR, '%Y-%m')" : "strftime('%Y-%m', received_at, '+8 hours')";
    // Days to answer in tenths, rounded half up, in whole milliseconds: as the server computes it for each change.
    const tenths = isMysql
      ? '(TIMESTAMPDIFF(MICROSECOND, received_at, answered_at) DIV 1000 + 4320000) DIV 8640000'
      : '(CAST(ROUND((julianday(answered_at) - julianday(received_at)) * 86400000) AS INTEGER) + 4320000) / 8640000';
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
      `INSERT INTO figures_answer_days (township_code, month, tenths, answered) SELECT handling_code, ${month}, ${tenths}, COUNT(*)` +
        ` FROM reports WHERE handling_code IS NOT NULL AND ${KEPT} AND answered_at IS NOT NULL GROUP BY handling_code, ${month}, ${tenths}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE figures_answer_days');
    await queryRunner.query('DROP TABLE figures_township_months');
  }
}
