import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';
import { API_PREFIX, REPORTER_TOKEN_HEADER, type RouteInput, type RouteSpec, buildPath, contract } from '@mashang/shared';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import { DataProtection } from '../src/common/data-protection.js';
import { ReportEntity } from '../src/modules/case/entities/report.entity.js';
import { ReportService } from '../src/modules/case/report.service.js';
import { ReporterSessions } from '../src/modules/reporter/reporter-sessions.js';
import { ReporterAccountEntity, ReporterSessionEntity } from '../src/modules/reporter/reporter.entities.js';
import { county, type Region, reportBody, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { RouteAnswer, startTestApp, type TestApp } from './support/test-app.js';
import { type WechatStandIn, startWechatStandIn } from './stand-ins/wechat-stand-in.js';

const me = contract.reporterAccount;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ZHANG = { name: '张秀英', phone: '13912345678' };
const LI = { name: '李桂兰', phone: '13700001111' };

/** Everything the server wrote to its logs, by every logger and straight to stdout/stderr. */
class CapturedLogs implements LoggerService {
  readonly lines: string[] = [];
  private readonly record = (...parts: unknown[]) =>
    void this.lines.push(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  log = this.record;
  error = this.record;
  warn = this.record;
  debug = this.record;
  verbose = this.record;
  fatal = this.record;

  /** Runs `work` with stdout and stderr captured too. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    const streams = [process.stdout, process.stderr];
    const writes = streams.map((s) => s.write.bind(s));
    for (const stream of streams) {
      stream.write = (chunk: unknown, ...rest: unknown[]) => {
        this.lines.push(String(chunk));
        const callback = rest.find((r): r is () => void => typeof r === 'function');
        callback?.();
        return true;
      };
    }
    try {
      return await work();
    } finally {
      streams.forEach((s, i) => (s.write = writes[i]!));
    }
  }
}

describe.each(DATABASE_KINDS)('reporter accounts on %s', (kind) => {
  let t: TestApp;
  let wechat: WechatStandIn;
  let db: DataSource;
  let taoyuan: Region;
  let dongshan: Region;
  let handler: StaffFixture;
  beforeAll(async () => {
    wechat = await startWechatStandIn({ now: () => (t ? t.clock.now().getTime() : Date.now()) });
    t = await startTestApp(kind, { ...wechat.env });
    db = t.app.get(DataSource);
    const qingshui = await county(t);
    taoyuan = await township(t, qingshui);
    dongshan = await village(t, taoyuan, { name: '东山村' });
    handler = await staffAccount(t, 'township_handler', taoyuan);
  });
  afterAll(async () => {
    await t?.close();
    await wechat?.close();
  });

  /** Calls a route as a reporter signed in with `token` (or as no one). */
  async function asReporter<R extends RouteSpec>(route: R, input: Partial<RouteInput<R>>, token?: string): Promise<RouteAnswer<R>> {
    const parts = input as { params?: Record<string, string>; query?: Record<string, string | number>; body?: unknown };
    const query = new URLSearchParams(Object.entries(parts.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
    const url = `${API_PREFIX}${buildPath(route.path, parts.params)}${query ? `?${query}` : ''}`;
    const res = await t.app.inject({
      method: route.method,
      url,
      headers: token ? { [REPORTER_TOKEN_HEADER]: token } : {},
      ...(parts.body === undefined ? {} : { payload: parts.body as object }),
    });
    return new RouteAnswer(route, res.statusCode, res.headers, res.rawPayload);
  }

  const signIn = async (openid: string) => (await asReporter(me.wechatLogin, { body: { code: wechat.state.issueLoginCode(openid) } })).body;
  const file = async (token: string | undefined, overrides: Parameters<typeof reportBody>[1]) =>
    (await asReporter(contract.report.create, { body: reportBody(dongshan, overrides) }, token)).body;
  const realName = (reporter = ZHANG) => ({ mode: 'real_name', reporter }) as const;
  const linkOf = async (reportNo: string) =>
    (
      await db.query<{ account: number | null; phone: string | null; verified: string | null }[]>(
        'SELECT reporter_account_id AS account, reporter_phone_hash AS phone, reporter_phone_verified AS verified FROM reports WHERE report_no = ?',
        [reportNo],
      )
    )[0]!;
  const replied = async (reportNo: string) => {
    for (const body of [{ action: 'accept' }, { action: 'reply', text: '经核查，补贴已按名单重新发放。' }] as const) {
      expect((await t.call(contract.case.act, { params: { reportNo }, body }, handler)).ok).toBe(true);
    }
  };

  /** What `work` answered, and how many queries the database was sent meanwhile (counted by a subscriber of every query). */
  async function queriesOf<T>(work: () => Promise<T>): Promise<{ answer: T; queries: number }> {
    let queries = 0;
    const counter: EntitySubscriberInterface = { beforeQuery: () => void queries++ };
    db.subscribers.push(counter);
    try {
      return { answer: await work(), queries };
    } finally {
      db.subscribers.splice(db.subscribers.indexOf(counter), 1);
    }
  }

  describe('WeChat sign-in', () => {
    it('exchanges the code for a session of 30 days, keeping only hashes of the openid and the token', async () => {
      const first = await signIn('o-zhang-xiuying');
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
      // 30 days, to the end of that China day.
      const lasts = Date.parse(first.expiresAt) - t.clock.now().getTime();
      expect(lasts).toBeGreaterThanOrEqual(30 * DAY_MS);
      expect(lasts).toBeLessThan(31 * DAY_MS);
      expect((Date.parse(first.expiresAt) + 8 * HOUR_MS) % DAY_MS).toBe(0);
      const again = await signIn('o-zhang-xiuying');
      expect(again.token).not.toBe(first.token);

      const accounts = await db.query<{ id: number; openid_hash: string; openid_enc: string }[]>('SELECT * FROM reporter_accounts');
      const mine = accounts.filter((a) => t.app.get(DataProtection).decrypt(a.openid_enc) === 'o-zhang-xiuying');
      expect(mine).toHaveLength(1); // one account per openid, however often it signs in
      const sessions = await db.query<{ token_hash: string; account_id: number }[]>(
        'SELECT * FROM reporter_sessions WHERE account_id = ?',
        [mine[0]!.id],
      );
      expect(sessions.map((s) => s.token_hash).sort()).toEqual([first.token, again.token].map(sha256).sort());
      const stored = JSON.stringify([accounts, await db.query('SELECT * FROM reporter_sessions')]);
      expect(stored).not.toContain('o-zhang-xiuying');
      expect(stored).not.toContain(first.token);
    });

    it('answers each of WeChat’s refusals with its own code and message, and never the session key', async () => {
      const cases: [errcode: number, times: number, status: number, code: string][] = [
        [40029, 1, 400, 'WECHAT_CODE_INVALID'],
        [45011, 1, 429, 'WECHAT_TOO_FREQUENT'],
        [40226, 1, 403, 'WECHAT_USER_BLOCKED'],
        [-1, 2, 503, 'WECHAT_BUSY'],
      ];
      for (const [errcode, times, status, code] of cases) {
        wechat.state.failNext('jscode2session', errcode, { times });
        const res = await asReporter(me.wechatLogin, { body: { code: wechat.state.issueLoginCode('o-refused') } });
        expect([errcode, res.status, res.error.code]).toEqual([errcode, status, code]);
        expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      // WeChat busy once: asked again, and signed in.
      wechat.state.failNext('jscode2session', -1, { times: 1 });
      const retried = await asReporter(me.wechatLogin, { body: { code: wechat.state.issueLoginCode('o-retried') } });
      expect(retried.status).toBe(200);
      expect(retried.text).not.toContain('session_key');
      // A code used once does not sign in again; an empty one is not sent at all.
      const code = wechat.state.issueLoginCode('o-once');
      expect((await asReporter(me.wechatLogin, { body: { code } })).status).toBe(200);
      expect((await asReporter(me.wechatLogin, { body: { code } })).error.code).toBe('WECHAT_CODE_INVALID');
      expect((await asReporter(me.wechatLogin, { body: { code: '' } })).error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('sessions', () => {
    it('takes only a live token in X-Reporter-Token: not none, not a made-up one, not a staff session, not a signed-out one', async () => {
      const { token } = await signIn('o-session');
      expect((await asReporter(me.myReports, {}, token)).status).toBe(200);
      for (const other of [undefined, 'x'.repeat(43), `${token}x`]) {
        const res = await asReporter(me.myReports, {}, other);
        expect([res.status, res.error.code]).toEqual([401, 'REPORTER_SESSION_EXPIRED']);
      }
      const staff = await t.request('GET', `${API_PREFIX}${me.myReports.path}`, undefined, handler);
      expect(staff.status).toBe(401);
      expect((await asReporter(me.signOut, {}, token)).body).toEqual({ ok: true });
      expect((await asReporter(me.myReports, {}, token)).error.code).toBe('REPORTER_SESSION_EXPIRED');
      // Signing out without a session (or twice) is no error.
      expect((await asReporter(me.signOut, {}, token)).status).toBe(200);
    });

    it('ends a WeChat session after 30 days and a phone session after one day (rounded up to the day and the hour)', async () => {
      const start = t.clock.now();
      const wechatSession = await signIn('o-ending');
      const phoneSession = await t.app.get(ReporterSessions).openForPhone(LI.phone);
      const wechatEnd = Date.parse(wechatSession.expiresAt);
      const phoneEnd = phoneSession.expiresAt.getTime();
      expect(phoneEnd - start.getTime()).toBeGreaterThanOrEqual(DAY_MS);
      expect(phoneEnd - start.getTime()).toBeLessThan(DAY_MS + HOUR_MS);
      try {
        t.clock.set(new Date(phoneEnd - 1));
        expect((await asReporter(me.myReports, {}, phoneSession.token)).status).toBe(200);
        t.clock.set(new Date(phoneEnd));
        expect((await asReporter(me.myReports, {}, phoneSession.token)).error.code).toBe('REPORTER_SESSION_EXPIRED');
        t.clock.set(new Date(wechatEnd - 1));
        expect((await asReporter(me.myReports, {}, wechatSession.token)).status).toBe(200);
        t.clock.set(new Date(wechatEnd));
        expect((await asReporter(me.myReports, {}, wechatSession.token)).error.code).toBe('REPORTER_SESSION_EXPIRED');
      } finally {
        t.clock.set(start);
      }
    });

    it('dates a sign-in only to its China day: no time on the rows is finer than a day (an hour for ends)', async () => {
      const start = t.clock.now();
      try {
        // 10:37:12.345 China time: nothing of the minutes may be kept.
        const at = new Date(Date.parse(`${new Date(start.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10)}T10:37:12.345+08:00`));
        t.clock.set(at);
        const { token } = await signIn('o-coarse-time');
        const code = wechat.state.issuePhoneCode(ZHANG.phone);
        expect((await asReporter(me.wechatPhone, { body: { code } }, token)).status).toBe(200);
        const phoneSession = await t.app.get(ReporterSessions).openForPhone(LI.phone);
        const dayStart = Date.parse(`${new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10)}T00:00:00+08:00`);

        const session = await db.getRepository(ReporterSessionEntity).findOneByOrFail({ tokenHash: sha256(token) });
        expect(session.createdAt.getTime()).toBe(dayStart);
        expect(session.expiresAt.getTime()).toBe(dayStart + 31 * DAY_MS); // 30 days on, to that day's end
        expect(session.verifiedPhoneUntil!.getTime()).toBe(
          Date.parse(`${new Date(dayStart + 8 * HOUR_MS).toISOString().slice(0, 10)}T12:00:00+08:00`),
        );
        const phone = await db.getRepository(ReporterSessionEntity).findOneByOrFail({ tokenHash: sha256(phoneSession.token) });
        expect(phone.createdAt.getTime()).toBe(dayStart);
        expect(phone.expiresAt.getTime()).toBe(dayStart + DAY_MS + 11 * HOUR_MS);
        const account = await db.getRepository(ReporterAccountEntity).findOneByOrFail({ id: session.accountId! });
        expect(account.createdAt.getTime()).toBe(dayStart);
      } finally {
        t.clock.set(start);
      }
    });
  });

  describe('我的反映', () => {
    let zhang: string;
    let li: string;
    let zhangReports: string[];
    let liReport: string;
    beforeAll(async () => {
      zhang = (await signIn('o-my-zhang')).token;
      li = (await signIn('o-my-li')).token;
      const start = t.clock.now();
      zhangReports = [];
      for (const [i, category] of (['welfare_funds', 'construction'] as const).entries()) {
        t.clock.set(new Date(start.getTime() + i * 60_000));
        zhangReports.push((await file(zhang, { ...realName(), category })).reportNo);
      }
      liReport = (await file(li, realName(LI))).reportNo;
      t.clock.set(start);
    });

    it('lists only the signed-in reporter’s own real-name reports, newest first, a page at a time', async () => {
      const mine = (await asReporter(me.myReports, {}, zhang)).body;
      expect(mine.total).toBe(2);
      expect(mine.items.map((r) => r.ref)).toEqual([...zhangReports].reverse());
      expect(mine.items[0]).toMatchObject({ villageName: '东山村', category: 'construction', status: 'submitted' });
      expect(mine.items[0]!.next.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const second = (await asReporter(me.myReports, { query: { offset: 1, limit: 1 } }, zhang)).body;
      expect([second.total, second.items.map((r) => r.ref)]).toEqual([2, [zhangReports[0]]]);
      expect((await asReporter(me.myReports, {}, li)).body.items.map((r) => r.ref)).toEqual([liReport]);
      expect((await asReporter(me.myReports, { query: { limit: 51 } }, li)).error.code).toBe('VALIDATION_FAILED');
    });

    it('opens one’s own report as the query code does, and answers another’s exactly as one that does not exist', async () => {
      const own = (await asReporter(me.myReport, { params: { ref: liReport } }, li)).body;
      expect(own).toMatchObject({ reportNo: liReport, villageName: '东山村', mode: 'real_name', status: 'submitted' });
      expect(own.timeline.length).toBeGreaterThan(0);
      const others = await asReporter(me.myReport, { params: { ref: zhangReports[0]! } }, li);
      const nowhere = await asReporter(me.myReport, { params: { ref: '2222222222' } }, li);
      expect([others.status, others.text]).toEqual([404, nowhere.text]);
      expect(others.error.code).toBe('REPORT_NOT_FOUND');
      const malformed = await asReporter(me.myReport, { params: { ref: 'abc' } }, li);
      expect(malformed.status).toBe(400);
    });

    it('rates, asks for review of and adds to one’s own report; another’s is not found', async () => {
      const [first] = zhangReports;
      await replied(first!);
      const foreign = await asReporter(me.rate, { params: { ref: first! }, body: { rating: 'satisfied' } }, li);
      expect([foreign.status, foreign.error.code]).toEqual([404, 'REPORT_NOT_FOUND']);
      const added = await asReporter(me.addInfo, { params: { ref: liReport }, body: { text: '还有两户也是这样，名单在村委会。' } }, li);
      expect(added.body.timeline.map((e) => e.text)).toContain('您补充了材料');
      const rated = await asReporter(me.rate, { params: { ref: first! }, body: { rating: 'unsatisfied', reasons: ['not_solved'] } }, zhang);
      expect(rated.body).toMatchObject({ rating: 'unsatisfied', actions: expect.arrayContaining(['request_review']) });
      const review = await asReporter(
        me.requestReview,
        { params: { ref: first! }, body: { reason: '答复没有说明多领补贴的是谁。' } },
        zhang,
      );
      expect(review.body.status).toBe('under_review');
      // A browser that also holds a staff session never rates for the reporter.
      const other = zhangReports[1]!;
      await replied(other);
      const staffToken = await t.tokenOf(handler);
      const res = await t.app.inject({
        method: 'POST',
        url: `${API_PREFIX}${buildPath(me.rate.path, { ref: other })}`,
        headers: { [REPORTER_TOKEN_HEADER]: zhang, authorization: `Bearer ${staffToken}` },
        payload: { rating: 'satisfied' },
      });
      expect((JSON.parse(res.body) as { code: string }).code).toBe('RATING_NOT_YOURS');
    });

    it('finds for a phone session the reports filed in H5 with that phone, not those of a WeChat account giving it, nor anybody else’s', async () => {
      const unsigned = (await file(undefined, realName(LI))).reportNo;
      const { token } = await t.app.get(ReporterSessions).openForPhone(` +86 ${LI.phone}`);
      const found = (await asReporter(me.myReports, {}, token)).body.items.map((r) => r.ref);
      expect(found).toEqual([unsigned]);
      for (const ref of [liReport, zhangReports[0]!])
        expect((await asReporter(me.myReport, { params: { ref } }, token)).error.code).toBe('REPORT_NOT_FOUND');
      // Filed with its own phone from a phone session: the phone counts as verified by SMS.
      const fromSession = (await file(token, realName(LI))).reportNo;
      expect((await linkOf(fromSession)).verified).toBe('sms');
      // Staff read how the phone was verified beside it; a phone typed in without a session is not.
      const seen = async (reportNo: string) =>
        (await t.call(contract.case.get, { params: { reportNo } }, handler)).body.reporterPhoneVerified;
      expect([await seen(fromSession), await seen(unsigned)]).toEqual(['sms', null]);
    });

    it('reads a page of ten with no more queries than a page of one, each item as the report’s own page sums it up', async () => {
      const { token } = await signIn('o-many');
      const xishan = await village(t, taoyuan, { name: '西山村' });
      const start = t.clock.now();
      const filed: string[] = [];
      for (let i = 0; i < 10; i++) {
        // Eleven minutes apart, so no filing is asked for a proof of work (the clock is left where it ends).
        t.clock.set(new Date(start.getTime() + i * 11 * 60_000));
        const body = reportBody(i % 3 ? dongshan : xishan, { ...realName(), category: i % 2 ? 'construction' : 'welfare_funds' });
        filed.push((await asReporter(contract.report.create, { body }, token)).body.reportNo);
      }
      // Some further along than others: accepted, replied, replied and rated.
      expect((await t.call(contract.case.act, { params: { reportNo: filed[1]! }, body: { action: 'accept' } }, handler)).ok).toBe(true);
      await replied(filed[2]!);
      await replied(filed[3]!);
      expect(
        (await asReporter(me.rate, { params: { ref: filed[3]! }, body: { rating: 'unsatisfied', reasons: ['not_solved'] } }, token)).ok,
      ).toBe(true);

      const one = await queriesOf(() => asReporter(me.myReports, { query: { limit: 1 } }, token));
      const ten = await queriesOf(() => asReporter(me.myReports, { query: { limit: 10 } }, token));
      expect(one.answer.body.items).toHaveLength(1);
      expect(ten.answer.body.items.map((r) => r.ref)).toEqual([...filed].reverse());
      expect(ten.queries).toBe(one.queries);

      // Each item says what the report's own status page says (the contract orders the keys of both answers alike).
      const reports = t.app.get(ReportService);
      for (const item of ten.answer.body.items) {
        const view = await reports.view(await db.getRepository(ReportEntity).findOneByOrFail({ reportNo: item.ref }));
        const { reportNo: ref, villageName, category, status, receivedAt, next } = view;
        expect(item).toStrictEqual({ ref, villageName, category, status, receivedAt, next });
      }
      expect(new Set(ten.answer.body.items.map((r) => r.villageName))).toEqual(new Set(['东山村', '西山村']));
      expect(new Set(ten.answer.body.items.map((r) => r.status))).toEqual(new Set(['submitted', 'accepted', 'replied']));
    });
  });

  describe('phone verified by WeChat', () => {
    it('remembers the phone WeChat vouches for, for half an hour, and marks a filing with that phone', async () => {
      const { token } = await signIn('o-phone');
      const code = wechat.state.issuePhoneCode(ZHANG.phone);
      expect((await asReporter(me.wechatPhone, { body: { code } }, token)).body).toEqual({ phone: ZHANG.phone });
      const verified = (await file(token, realName())).reportNo;
      const otherPhone = (await file(token, realName({ ...ZHANG, phone: '13600002222' }))).reportNo;
      // Half an hour, rounded up to the whole hour: gone at the latest 90 minutes on.
      t.clock.set(new Date(t.clock.now().getTime() + 91 * 60_000));
      const late = (await file(token, realName())).reportNo;
      expect([await linkOf(verified), await linkOf(otherPhone), await linkOf(late)].map((l) => l.verified)).toEqual(['wechat', null, null]);
      const seen = (await t.call(contract.case.get, { params: { reportNo: verified } }, handler)).body;
      expect(seen.reporterPhoneVerified).toBe('wechat');
      expect((await t.call(contract.case.get, { params: { reportNo: otherPhone } }, handler)).body.reporterPhoneVerified).toBeNull();
    });

    it('needs a session and a code WeChat issued', async () => {
      const code = wechat.state.issuePhoneCode(ZHANG.phone);
      expect((await asReporter(me.wechatPhone, { body: { code } })).error.code).toBe('REPORTER_SESSION_EXPIRED');
      const { token } = await signIn('o-phone-2');
      expect((await asReporter(me.wechatPhone, { body: { code: 'never-issued' } }, token)).error.code).toBe('WECHAT_CODE_INVALID');
    });
  });

  it('limits WeChat sign-ins to thirty a minute from one address, so a flood cannot drive calls to WeChat', async () => {
    const before = t.clock.now();
    // A minute of its own, whatever the other tests signed in.
    t.clock.set(new Date('2030-01-01T00:00:00Z'));
    try {
      const answers: number[] = [];
      for (let i = 0; i < 31; i++)
        answers.push((await asReporter(me.wechatLogin, { body: { code: wechat.state.issueLoginCode(`o-flood-${i}`) } })).status);
      expect(answers.slice(0, 30).every((status) => status === 200)).toBe(true);
      const refused = await asReporter(me.wechatLogin, { body: { code: wechat.state.issueLoginCode('o-flood-last') } });
      expect(refused.error.code).toBe('RATE_LIMITED');
      expect(answers[30]).toBe(429);
    } finally {
      t.clock.set(before);
    }
  });

  it('counts opening reports by number against the query-code limit, so numbers are no easier to try than codes', async () => {
    const limited = await startTestApp(kind, { ...wechat.env, LOOKUP_LIMIT_PER_MINUTE: '3' });
    try {
      const code = wechat.state.issueLoginCode('o-limited');
      const login = await limited.app.inject({ method: 'POST', url: `${API_PREFIX}${me.wechatLogin.path}`, payload: { code } });
      const { token } = JSON.parse(login.body) as { token: string };
      const open = async (ref: string) =>
        (
          await limited.app.inject({
            method: 'GET',
            url: `${API_PREFIX}${buildPath(me.myReport.path, { ref })}`,
            headers: { [REPORTER_TOKEN_HEADER]: token },
          })
        ).statusCode;
      const answers = [];
      for (const ref of ['2222222222', '3333333333', '4444444444', '5555555555']) answers.push(await open(ref));
      expect(answers).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.close();
    }
  });

  describe('anonymous reports', () => {
    /** Every row of every table, by table. */
    async function everything(): Promise<Map<string, string[]>> {
      const tables =
        kind === 'mysql'
          ? await db.query<{ name: string }[]>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
          : await db.query<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
      const all = new Map<string, string[]>();
      for (const { name } of tables)
        all.set(
          name,
          (await db.query<object[]>(`SELECT * FROM \`${name}\``)).map((r) => JSON.stringify(r)),
        );
      return all;
    }
    /**
     * How many rows each table gained. The figures rollup is left out: its counters are per township,
     * month and slot (report id modulo 8), so whether a filing adds a row or bumps one depends on the id alone.
     */
    const growth = (before: Map<string, string[]>, after: Map<string, string[]>) =>
      Object.fromEntries(
        [...after]
          .filter(([name]) => !name.startsWith('figures_'))
          .map(([name, rows]) => [name, rows.length - (before.get(name)?.length ?? 0)]),
      );

    it('links nothing to a session that came along: the report is stored as without one', async () => {
      const { token } = await signIn('o-anonymous');
      await asReporter(me.wechatPhone, { body: { code: wechat.state.issuePhoneCode(ZHANG.phone) } }, token);
      const start = await everything();
      const without = await file(undefined, {});
      const middle = await everything();
      const withToken = await file(token, {});
      const end = await everything();
      expect(without.reportNo).not.toBe(withToken.reportNo);
      expect(growth(middle, end)).toEqual(growth(start, middle));
      for (const table of ['reporter_accounts', 'reporter_sessions']) expect(end.get(table)).toEqual(middle.get(table));
      expect(await linkOf(withToken.reportNo)).toEqual({ account: null, phone: null, verified: null });
      expect((await asReporter(me.myReports, {}, token)).body.total).toBe(0);
      expect((await asReporter(me.myReport, { params: { ref: withToken.reportNo } }, token)).error.code).toBe('REPORT_NOT_FOUND');
    });

    it('writes no address, user agent or device identifier to the logs when one is filed', async () => {
      const logs = new CapturedLogs();
      t.app.useLogger(logs);
      try {
        await fileWatched(logs);
      } finally {
        // The logger is the process's: the next app of this file logs as test apps do.
        Logger.overrideLogger(new ConsoleLogger({ logLevels: ['error'] }));
      }
    });

    async function fileWatched(logs: CapturedLogs): Promise<void> {
      const { token } = await signIn('o-logged');
      const address = '203.0.113.77';
      const userAgent = 'Mozilla/5.0 (Linux; Android 14; QS-2026 Build/UP1A) MicroMessenger/8.0.50 NetType/4G';
      const device = 'device-7f3e9a11c2';
      const body = reportBody(dongshan, { content: '村会计把去年的修路款挪去给自家盖了房，大家都看见了。' });
      const res = await logs.during(() =>
        t.app.inject({
          method: 'POST',
          url: `${API_PREFIX}${contract.report.create.path}`,
          remoteAddress: address,
          headers: { 'user-agent': userAgent, 'x-device-id': device, 'x-forwarded-for': '198.51.100.23', [REPORTER_TOKEN_HEADER]: token },
          payload: body,
        }),
      );
      expect(res.statusCode).toBe(201);
      new Logger('Probe').log('capture works');
      const text = logs.lines.join('\n');
      expect(text).toContain('capture works');
      for (const secret of [
        address,
        '198.51.100.23',
        userAgent,
        'QS-2026',
        device,
        body.content,
        token,
        (JSON.parse(res.body) as { queryCode: string }).queryCode,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
