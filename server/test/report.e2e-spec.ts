import { DataSource } from 'typeorm';
import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataProtection } from '../src/common/data-protection.js';
import { withContext } from '../../test/support/jest-helpers.js';
import { county, type Region, type ReportInput, reportBody, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface ReportRow {
  reporter_name_enc: string | null;
  reporter_phone_enc: string | null;
}

describe.each(DATABASE_KINDS)('report intake and lookup on %s', (kind) => {
  let t: TestApp;
  let db: DataSource;
  let dongshan: Region;
  const countReports = async () => Number((await db.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM reports'))[0]?.n);
  const rowOf = async (reportNo: string) => (await db.query<ReportRow[]>('SELECT * FROM reports WHERE report_no = ?', [reportNo]))[0];
  const anonymousReport = (overrides: Partial<ReportInput> = {}) => reportBody(dongshan, { concerned: '村报账员', ...overrides });
  const realNameReport = (overrides: Partial<ReportInput> = {}) =>
    anonymousReport({ mode: 'real_name', reporter: { name: '张秀英', phone: '13912345678' }, ...overrides });
  const file = (body: ReportInput) => t.call(contract.report.create, { body });
  const lookup = (queryCode: string) => t.call(contract.report.lookup, { body: { queryCode } });

  beforeAll(async () => {
    t = await startTestApp(kind);
    db = t.app.get(DataSource);
    dongshan = await village(t, await township(t, await county(t)), { name: '东山村' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('files an anonymous report and answers with a query code and the acceptance due date', async () => {
    const res = await file(anonymousReport());
    expect(res.status).toBe(201);
    expect(res.body.queryCode).toMatch(/^\d{5}( \d{5}){4}$/);
    expect(res.body.status).toBe('submitted');
    expect(res.body.receivedAt).toBe('2026-09-30T02:00:00.000Z');
    // Received 30 Sep: National Day runs 1–7 Oct, Sat 10 Oct is a make-up working day,
    // so the 15th working day after receipt is Tue 27 Oct.
    expect(res.body.dueDates).toEqual([{ kind: 'acceptance', dueOn: '2026-10-27', provisional: false, metAt: null, overdue: false }]);
  });

  it('keeps no query code, and no identity at all for an anonymous report', async () => {
    const receipt = (await file(anonymousReport())).body;
    const code = receipt.queryCode.replace(/ /g, '');
    const row = await rowOf(receipt.reportNo);
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row?.reporter_name_enc).toBeNull();
    expect(row?.reporter_phone_enc).toBeNull();
  });

  it('encrypts a real-name reporter at rest and never returns the identity on lookup', async () => {
    const res = await file(realNameReport());
    expect(res.status).toBe(201);
    const row = await rowOf(res.body.reportNo);
    expect(JSON.stringify(row)).not.toContain('张秀英');
    expect(JSON.stringify(row)).not.toContain('13912345678');
    const secrets = t.app.get(DataProtection);
    expect(secrets.decrypt(row?.reporter_name_enc ?? '')).toBe('张秀英');
    expect(secrets.decrypt(row?.reporter_phone_enc ?? '')).toBe('13912345678');

    const seen = await lookup(res.body.queryCode);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toMatch(/张秀英|13912345678|reporter/);
  });

  it('returns the same receipt for a retried submission and stores one report', async () => {
    const body = anonymousReport();
    const before = await countReports();
    const first = await file(body);
    const retry = await file(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await countReports()).toBe(before + 1);
  });

  it('stores one report when copies of a submission arrive at the same time', async () => {
    const body = realNameReport();
    const before = await countReports();
    const answers = await Promise.all(Array.from({ length: 6 }, () => file(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.queryCode)).size).toBe(1);
    expect(await countReports()).toBe(before + 1);
  });

  it('refuses a reused idempotency key with different content and changes nothing', async () => {
    const body = anonymousReport();
    const first = await file(body);
    const before = await countReports();
    const reused = await file({ ...body, content: '换了内容，但用的还是同一个提交标识。' });
    expect(reused.status).toBe(409);
    expect(reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countReports()).toBe(before);
    expect((await lookup(first.body.queryCode)).body.reportNo).toBe(first.body.reportNo);
  });

  it('looks a report up by its query code, however it was typed', async () => {
    const receipt = (await file(anonymousReport())).body;
    const digits = receipt.queryCode.replace(/ /g, '');
    for (const typed of [receipt.queryCode, digits, digits.replace(/(\d{5})(?=\d)/g, '$1-')]) {
      const res = await lookup(typed);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        reportNo: receipt.reportNo,
        villageName: '东山村',
        category: 'welfare_funds',
        mode: 'anonymous',
        status: 'submitted',
        dueDates: receipt.dueDates,
      });
      expect(res.body.timeline).toEqual([{ at: receipt.receivedAt, text: '已收到您的反映，等待乡镇纪委受理' }]);
    }
  });

  it('answers a wrong code and a malformed code identically', async () => {
    const wrong = await lookup('12345 67890 12345 67890 12345');
    const malformed = await lookup('abc');
    expect(wrong.status).toBe(404);
    expect(wrong.error).toEqual({ code: 'QUERY_CODE_NOT_FOUND', message: expect.any(String) });
    expect(malformed.status).toBe(wrong.status);
    expect(malformed.error).toEqual(wrong.error);
  });

  it('shows the village record as of the end of yesterday, so nobody can watch it to learn when a neighbour reported', async () => {
    const recordNow = async () => (await t.call(contract.village.page, { params: { code: dongshan.code } })).body.record;
    const filedToday = await countReports();
    expect(filedToday).toBeGreaterThan(0);
    expect(await recordNow()).toEqual({ asOf: '2026-09-29', received: 0, answered: 0, answeredOnTime: 0 });

    const today = t.clock.now();
    t.clock.set(new Date('2026-09-30T15:59:00Z')); // 23:59 in China: still the same day
    expect((await recordNow()).received).toBe(0);
    t.clock.set(new Date('2026-09-30T16:00:00Z')); // midnight in China
    expect(await recordNow()).toMatchObject({ asOf: '2026-09-30', received: filedToday });
    t.clock.set(today);
  });

  it('names each invalid field and stores nothing', async () => {
    const before = await countReports();
    const cases: [unknown, string][] = [
      [anonymousReport({ content: '太短' }), 'body.content'],
      [{ ...anonymousReport(), category: 'gossip' }, 'body.category'],
      [anonymousReport({ villageCode: '3418' }), 'body.villageCode'],
      [anonymousReport({ idempotencyKey: 'short' }), 'body.idempotencyKey'],
      [realNameReport({ reporter: undefined }), 'body.reporter'],
      [realNameReport({ reporter: { name: '张秀英', phone: '12345' } }), 'body.reporter.phone'],
      [anonymousReport({ reporter: { name: '张秀英', phone: '13912345678' } }), 'body.reporter'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', '/api/v1/reports', body);
      await withContext(field, () => expect(res.status).toBe(400));
      expect(res.error.code).toBe('VALIDATION_FAILED');
      expect(res.error.details?.map((d) => d.field)).toContain(field);
      expect(res.error.details?.every((d) => /[\u4e00-\u9fa5]/.test(d.message))).toBe(true);
    }
    expect(await countReports()).toBe(before);
  });

  it('refuses a report for a village that does not exist', async () => {
    const res = await file(anonymousReport({ villageCode: `${dongshan.code.slice(0, 9)}299` }));
    expect(res.status).toBe(404);
    expect(res.error.code).toBe('VILLAGE_NOT_FOUND');
  });

  it('answers malformed, oversized and unexpected requests with a 4xx code, never a 500', async () => {
    const before = await countReports();
    const malformed = await t.request('POST', '/api/v1/reports', '{"villageCode": ');
    expect(malformed.status).toBe(400);
    expect(malformed.error.code).toBe('MALFORMED_REQUEST');
    const huge = await t.request('POST', '/api/v1/reports', anonymousReport({ content: '很'.repeat(40_000) }));
    expect(huge.status).toBe(413);
    expect(huge.error.code).toBe('PAYLOAD_TOO_LARGE');
    const notObject = await t.request('POST', '/api/v1/reports', '[1,2,3]');
    expect(notObject.status).toBe(400);
    expect(notObject.error.code).toBe('VALIDATION_FAILED');
    const plain = await t.request('POST', '/api/v1/reports', 'hello', undefined, { 'content-type': 'text/plain' });
    // JSON only: a form on another site cannot file a report.
    expect(plain.status).toBe(415);
    expect(plain.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const unknown = await t.request('GET', '/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.error.code).toBe('NOT_FOUND');
    expect(await countReports()).toBe(before);
  });
});

describe('lookup rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { LOOKUP_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses lookups beyond the limit per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.call(contract.report.lookup, { body: { queryCode: '00000 00000 00000 00000 00000' } })).status);
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await t.call(contract.report.lookup, { body: { queryCode: 'x' } });
    expect(limited.error).toEqual({ code: 'RATE_LIMITED', message: expect.stringContaining('频繁') });
  });
});
