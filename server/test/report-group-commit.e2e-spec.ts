import { DataSource, type EntityManager } from 'typeorm';
import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainError } from '../src/common/domain-error.js';
import { ReportHooks } from '../src/modules/case/workflow/report-hooks.js';
import { county, type Region, type ReportInput, reportBody, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** What the test's hook refuses: a filing with this content fails inside its transaction. */
const REFUSED = '这条反映在存档时出错（测试）';

/**
 * Filings arriving together: on MySQL they share a transaction and its commit. Each is still stored
 * exactly once with its own timeline and deadlines, each hook's writes stand or fall with its own
 * report, and one filing's failure costs no other filing anything.
 */
describe.each(DATABASE_KINDS)('filings arriving together on %s', (kind) => {
  let t: TestApp;
  let db: DataSource;
  let dongshan: Region;
  /** The transaction (its manager) each report was filed in, by report number, as the hook saw it. */
  const filedIn = new Map<string, EntityManager>();
  const file = (body: ReportInput) => t.call(contract.report.create, { body });
  const count = async (sql: string, parameters: unknown[] = []) =>
    Number((await db.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM ${sql}`, parameters))[0]?.n);
  const hookRowsOf = (reportNo: string) => count('content_versions WHERE scope = ?', [`test-hook:${reportNo}`]);

  beforeAll(async () => {
    t = await startTestApp(kind, {
      REPORTS_FREE_PER_ADDRESS: '1000',
      REPORTS_FREE_PER_VILLAGE: '1000',
      REPORT_ATTEMPTS_PER_MINUTE: '1000',
    });
    db = t.app.get(DataSource);
    dongshan = await village(t, await township(t, await county(t)), { name: '东山村' });
    // A hook writing a row of its own in the filing's transaction, and refusing one content.
    t.app.get(ReportHooks).register({
      async filed(manager, report, { input }) {
        filedIn.set(report.reportNo, manager);
        await manager.query('INSERT INTO content_versions (scope, version) VALUES (?, 1)', [`test-hook:${report.reportNo}`]);
        if (input.content === REFUSED) throw new DomainError('VALIDATION_FAILED');
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores each of many filings once, with its own event, deadlines and hook row', async () => {
    const bodies = Array.from({ length: 24 }, (_, i) =>
      reportBody(dongshan, { content: `第${i + 1}件：村里补贴名单和实际种地的人对不上。` }),
    );
    const before = await count('reports');
    const answers = await Promise.all(bodies.map(file));
    expect(answers.map((a) => a.status)).toEqual(Array(24).fill(201));
    expect(await count('reports')).toBe(before + 24);
    for (const [i, answer] of answers.entries()) {
      const { reportNo, queryCode } = answer.body;
      const status = (await t.call(contract.report.lookup, { body: { queryCode } })).body;
      expect(status.reportNo).toBe(reportNo);
      expect(status.timeline).toHaveLength(1);
      const [row] = await db.query<{ content: string; id: number }[]>('SELECT id, content FROM reports WHERE report_no = ?', [reportNo]);
      expect(row?.content).toBe(bodies[i]!.content);
      expect(await count('report_deadlines WHERE report_id = ?', [row!.id])).toBe(answer.body.dueDates.length);
      expect(await hookRowsOf(reportNo)).toBe(1);
    }
    const transactions = new Set(answers.map((a) => filedIn.get(a.body.reportNo)));
    // MySQL shares commits among filings that arrive while one is committing; SQLite files one at a time.
    if (kind === 'mysql') expect(transactions.size).toBeLessThan(24);
    else expect(transactions.size).toBe(24);
  });

  it("fails only the filing whose hook refuses it; the others' shared transaction is written again without it", async () => {
    const good = Array.from({ length: 12 }, (_, i) => reportBody(dongshan, { content: `第${i + 1}件：村道路灯坏了三个月没人修。` }));
    const bad = reportBody(dongshan, { content: REFUSED });
    const before = await count('reports');
    const answers = await Promise.all([...good.slice(0, 6), bad, ...good.slice(6)].map(file));
    const refused = answers.splice(6, 1)[0]!;
    expect(refused.status).toBe(400);
    expect(refused.error.code).toBe('VALIDATION_FAILED');
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    expect(await count('reports')).toBe(before + 12);
    expect(await count('reports WHERE content = ?', [REFUSED])).toBe(0);
    // Each stored filing's hook row is there once; the refused one's, written before it threw, is gone with it.
    for (const a of answers) expect(await hookRowsOf(a.body.reportNo)).toBe(1);
    expect(await count("content_versions WHERE scope LIKE 'test-hook:%'")).toBe(await count('reports'));
  });

  it('answers copies of one submission among other filings with one receipt, stored once', async () => {
    const copied = reportBody(dongshan, { content: '重复提交：村集体土地租金没有公开。' });
    const others = Array.from({ length: 8 }, (_, i) => reportBody(dongshan, { content: `另外第${i + 1}件：低保名单有问题。` }));
    const before = await count('reports');
    const answers = await Promise.all([copied, ...others, copied, copied].map(file));
    expect(answers.map((a) => a.status)).toEqual(Array(11).fill(201));
    const copies = [answers[0]!, answers[9]!, answers[10]!].map((a) => a.body);
    expect(new Set(copies.map((c) => c.queryCode)).size).toBe(1);
    expect(new Set(copies.map((c) => c.reportNo)).size).toBe(1);
    expect(await count('reports')).toBe(before + 9);
    expect(await hookRowsOf(copies[0]!.reportNo)).toBe(1);
  });
});
