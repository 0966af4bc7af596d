// Two server instances on one MySQL database behind a round-robin proxy (`npm run test:instances`):
// the server keeps no state of its own that a second instance would miss. Everything goes through the
// real HTTP API; the proxy sends each request to the next instance in turn and names the one that
// answered, so each test can say "through one, then through the other".
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type ApiErrorBody, type ProofOfWorkChallenge, type ReportCreate, contract, solveProofOfWork } from '@mashang/shared';
import { describeIf, eventually } from '../support/jest-helpers.js';
import type { Database, Instance, Proxy } from './support/cluster.js';
import { type Answer, Client } from './support/client.js';
import { type TwoInstances, startTwoInstances } from './support/two-instances.js';

const DEMO_VILLAGE = '341821102201';
const DEMO_PASSWORD = 'mashang-demo-2026';
const FREE_PER_ADDRESS = 4;

let cluster: TwoInstances | undefined;
let database: Database;
let proxy: Proxy;
let instances: Instance[] = [];

const errorOf = (answer: Answer) => answer.json as ApiErrorBody & { proofOfWork?: ProofOfWorkChallenge };
const key = () => `inst-${randomBytes(9).toString('base64url')}`;
/** The China date `days` from today (negative: before). */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

function report(overrides: Partial<ReportCreate> = {}): ReportCreate {
  return {
    idempotencyKey: key(),
    villageCode: DEMO_VILLAGE,
    mode: 'anonymous',
    track: 'petition',
    category: 'welfare_funds',
    content: '村里的补贴发放名单和实际种地的人对不上，请核实。',
    ...overrides,
  };
}

/** Sends cheap requests until the next one through the proxy goes to `name`'s instance. */
async function steerTo(client: Client, name: string): Promise<void> {
  for (;;) {
    const health = await client.send(contract.system.health, {});
    // Two instances in strict turn: after the other one answered, `name` answers next.
    if (health.servedBy !== name) return;
  }
}

/** Calls `route` through the instance after the one that answered `previous`, and checks it went there. */
async function throughOther(client: Client, previous: string, call: () => Promise<Answer>): Promise<Answer> {
  await steerTo(client, other(previous));
  const answer = await call();
  expect(answer.servedBy).toBe(other(previous));
  return answer;
}

function other(name: string): string {
  return instances.find((i) => i.name !== name)!.name;
}

async function signIn(client: Client, username: string): Promise<{ token: string; servedBy: string }> {
  const answer = await client.send(contract.staff.login, { body: { username, password: DEMO_PASSWORD } });
  expect(answer.status).toBe(200);
  const session = answer.json as { token?: string };
  expect(session.token).toEqual(expect.any(String));
  return { token: session.token!, servedBy: answer.servedBy };
}

// CI must run this suite (MYSQL_URL set); outside CI it is skipped without MySQL.
describeIf(Boolean(process.env.MYSQL_URL || process.env.CI))('two instances on one MySQL database behind a round-robin proxy', () => {
  beforeAll(async () => {
    cluster = await startTwoInstances({
      // Both sweep, often, so they race.
      SWEEP_INTERVAL_SECONDS: '1',
      REPORTS_FREE_PER_ADDRESS: String(FREE_PER_ADDRESS),
      REPORTS_FREE_PER_VILLAGE: '100000',
      PROOF_OF_WORK_DIFFICULTY: '8',
    });
    ({ database, proxy, instances } = cluster);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('alternates per request, not per connection', async () => {
    const client = new Client(proxy.port);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await client.send(contract.system.health, {})).servedBy);
    expect(new Set(answers)).toEqual(new Set(['A', 'B']));
    expect(answers[0]).not.toBe(answers[1]);
    expect(answers[1]).not.toBe(answers[2]);
  });

  it('finds a report filed through one instance by its query code, and staff handle it through the other', async () => {
    const villager = new Client(proxy.port);
    const staff = new Client(proxy.port);
    const filed = await villager.send(contract.report.create, { body: report() });
    expect(filed.status).toBe(201);
    const receipt = filed.json as { reportNo: string; queryCode: string };

    const found = await throughOther(villager, filed.servedBy, () =>
      villager.send(contract.report.lookup, { body: { queryCode: receipt.queryCode } }),
    );
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ reportNo: receipt.reportNo, status: 'submitted' });

    // A session made on one instance works on the other.
    const { token, servedBy: signedInAt } = await signIn(staff, 'taoyuan');
    const inbox = await throughOther(staff, signedInAt, () => staff.send(contract.case.list, { query: { limit: 200 } }, { token }));
    expect(inbox.status).toBe(200);
    expect((inbox.json as { items: Array<{ reportNo: string }> }).items.map((c) => c.reportNo)).toContain(receipt.reportNo);

    const params = { reportNo: receipt.reportNo };
    const accepted = await throughOther(staff, filed.servedBy, () =>
      staff.send(contract.case.act, { params, body: { action: 'accept' } }, { token }),
    );
    expect(accepted.status).toBe(200);
    const replyText = '经核实，补贴名单已按实际耕种情况更正并重新公示。';
    const replied = await throughOther(staff, accepted.servedBy, () =>
      staff.send(contract.case.act, { params, body: { action: 'reply', text: replyText } }, { token }),
    );
    expect(replied.status).toBe(200);

    for (const instance of instances) {
      await steerTo(villager, instance.name);
      const status = await villager.send(contract.report.lookup, { body: { queryCode: receipt.queryCode } });
      expect(status.servedBy).toBe(instance.name);
      expect(status.json).toMatchObject({ status: 'replied', reply: replyText });
    }

    // Signed out through one instance, the session is gone on both.
    const out = await staff.send(contract.staff.logout, {}, { token });
    expect(out.status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await staff.send(contract.staff.me, {}, { token })).status).toBe(401);
  });

  it('replays a receipt and a staff action for an idempotency key sent again through the other instance', async () => {
    const villager = new Client(proxy.port);
    const body = report({ mode: 'real_name', reporter: { name: '李四', phone: '13800001234' } });
    const first = await villager.send(contract.report.create, { body });
    expect(first.status).toBe(201);
    const again = await throughOther(villager, first.servedBy, () => villager.send(contract.report.create, { body }));
    expect(again.status).toBeLessThan(300);
    expect((again.json as { reportNo: string }).reportNo).toBe((first.json as { reportNo: string }).reportNo);
    // The same key with other content is refused on either instance.
    const reused = await villager.send(contract.report.create, { body: { ...body, content: `${body.content}另外还有一件事要反映。` } });
    expect(errorOf(reused).code).toBe('IDEMPOTENCY_KEY_REUSED');

    const staff = new Client(proxy.port);
    const { token } = await signIn(staff, 'taoyuan');
    const params = { reportNo: (first.json as { reportNo: string }).reportNo };
    const action = { action: 'accept' as const, idempotencyKey: key() };
    const accepted = await staff.send(contract.case.act, { params, body: action }, { token });
    expect(accepted.status).toBe(200);
    const replayed = await throughOther(staff, accepted.servedBy, () => staff.send(contract.case.act, { params, body: action }, { token }));
    expect(replayed.status).toBe(200);
    const timeline = (replayed.json as { timeline: Array<{ type: string }> }).timeline;
    expect(timeline.filter((e) => e.type === 'accept')).toHaveLength(1);
  });

  it('counts the free filings of an address across both instances, then asks for work that either instance takes once', async () => {
    const villager = new Client(proxy.port);
    const servedBy = new Set<string>();
    for (let i = 0; i < FREE_PER_ADDRESS; i++) {
      const filed = await villager.send(contract.report.create, { body: report() });
      expect(filed.status).toBe(201);
      servedBy.add(filed.servedBy);
    }
    expect(servedBy).toEqual(new Set(['A', 'B']));

    const body = report();
    const asked = await villager.send(contract.report.create, { body });
    expect(asked.status).toBe(428);
    const challenge = errorOf(asked).proofOfWork!;
    expect(errorOf(asked).code).toBe('PROOF_OF_WORK_REQUIRED');
    const proofOfWork = { challenge: challenge.challenge, nonce: await solveProofOfWork(challenge) };
    const filed = await throughOther(villager, asked.servedBy, () =>
      villager.send(contract.report.create, { body: { ...body, proofOfWork } }),
    );
    expect(filed.status).toBe(201);
    // The solution is spent in the database: the first instance does not take it a second time.
    const reused = await throughOther(villager, filed.servedBy, () =>
      villager.send(contract.report.create, { body: { ...report(), proofOfWork } }),
    );
    expect(reused.status).toBe(428);
    expect(errorOf(reused).code).toBe('PROOF_OF_WORK_INVALID');
  });

  it('counts failed sign-ins across both instances', async () => {
    const guesser = new Client(proxy.port);
    const servedBy = new Set<string>();
    let throttled: Answer | undefined;
    for (let i = 0; i < 8 && !throttled; i++) {
      const answer = await guesser.send(contract.staff.login, { body: { username: 'shimen', password: `wrong-guess-${i}` } });
      servedBy.add(answer.servedBy);
      if (errorOf(answer).code === 'LOGIN_THROTTLED') throttled = answer;
      else expect(errorOf(answer).code).toBe('LOGIN_FAILED');
    }
    // Five failures from one address, wherever they landed, make it wait; one instance alone saw at most three.
    expect(servedBy).toEqual(new Set(['A', 'B']));
    expect(throttled).toBeDefined();
    for (let i = 0; i < 2; i++) {
      const right = await guesser.send(contract.staff.login, { body: { username: 'shimen', password: DEMO_PASSWORD } });
      expect(errorOf(right).code).toBe('LOGIN_THROTTLED');
    }
    // The owner still signs in from another address.
    await signIn(new Client(proxy.port), 'shimen');
  });

  it('shows a village page changed through one instance, fresh on the other at once', async () => {
    const villager = new Client(proxy.port);
    const publisher = new Client(proxy.port);
    const page = () => villager.send(contract.village.page, { params: { code: DEMO_VILLAGE } });
    // Both instances hold the page in memory, under the same tag.
    const before = [await page(), await page()];
    expect(new Set(before.map((a) => a.servedBy))).toEqual(new Set(['A', 'B']));
    const etag = before[0]!.headers.etag!;
    expect(before[1]!.headers.etag).toBe(etag);
    for (const instance of instances) {
      await steerTo(villager, instance.name);
      const unchanged = await villager.send(
        contract.village.page,
        { params: { code: DEMO_VILLAGE } },
        { headers: { 'if-none-match': etag } },
      );
      expect(unchanged.status).toBe(304);
    }

    const { token } = await signIn(publisher, 'dongshan-pub');
    const first = (before[0]!.json as { powerList: Array<{ items: Array<{ id: number; title: string }> }> }).powerList[0]!.items[0]!;
    const item = await publisher.ok(contract.powerList.item, { params: { id: first.id } }, { token });
    const title = `${item.content.title}（${randomBytes(2).toString('hex')}次修订）`;
    const saved = await publisher.send(
      contract.powerList.saveItem,
      { params: { id: item.id }, body: { ...item.content, title, version: item.version } },
      { token },
    );
    expect(saved.status).toBe(200);

    // No wait and no TTL: the very next request on each instance has the change.
    for (const instance of instances) {
      await steerTo(villager, instance.name);
      const fresh = await villager.send(contract.village.page, { params: { code: DEMO_VILLAGE } }, { headers: { 'if-none-match': etag } });
      expect(fresh.servedBy).toBe(instance.name);
      expect(fresh.status).toBe(200);
      expect(fresh.headers.etag).not.toBe(etag);
      expect(JSON.stringify(fresh.json)).toContain(title);
      await steerTo(villager, instance.name);
      const itemPage = await villager.send(contract.village.powerItem, { params: { id: item.id } });
      expect(itemPage.servedBy).toBe(instance.name);
      expect(itemPage.json).toMatchObject({ title });
    }
  });

  it('raises each reminder, overdue flag and escalation once while both instances sweep', async () => {
    const staff = new Client(proxy.port);
    const { token } = await signIn(staff, 'taoyuan');
    // Letters that arrived long ago are overdue and escalated at once; ones from 13 days ago are due within days.
    const reportNos = { late: [] as string[], soon: [] as string[] };
    for (const [kind, receivedOn] of [
      ['late', chinaDay(-60)],
      ['soon', chinaDay(-13)],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        const receipt = await staff.ok(contract.case.recordOffline, { body: { ...report(), channel: 'letter', receivedOn } }, { token });
        reportNos[kind].push(receipt.reportNo);
      }
    }
    const ours = new Set([...reportNos.late, ...reportNos.soon]);
    // Reminders and overdue flags go to the township, escalations to the county.
    const county = new Client(proxy.port);
    const { token: countyToken } = await signIn(county, 'county');
    const alerts = async () => {
      const lists = await Promise.all([
        staff.ok(contract.case.alerts, {}, { token }),
        county.ok(contract.case.alerts, {}, { token: countyToken }),
      ]);
      const lines = lists.flatMap((list) =>
        list.items.filter((a) => ours.has(a.reportNo)).map((a) => `${a.reportNo} ${a.kind} ${a.deadline}`),
      );
      return [...new Set(lines)].sort();
    };
    const expected = [
      ...reportNos.late.flatMap((no) => [`${no} escalated acceptance`, `${no} overdue acceptance`]),
      ...reportNos.soon.map((no) => `${no} due_soon acceptance`),
    ].sort();
    await eventually(async () => expect(await alerts()).toEqual(expected), { timeout: 30_000, interval: 500 });
    // Several more rounds of both sweeps, racing each other: still one of each.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(await alerts()).toEqual(expected);
    const placeholders = [...ours].map(() => '?').join(', ');
    const rows = await database.query<{ kind: string; n: number }>(
      `SELECT a.kind, COUNT(*) AS n FROM case_alerts a JOIN reports r ON r.id = a.report_id WHERE r.report_no IN (${placeholders}) GROUP BY a.kind ORDER BY a.kind`,
      [...ours],
    );
    expect(rows.map((r) => [r.kind, Number(r.n)])).toEqual([
      ['due_soon', 3],
      ['escalated', 3],
      ['overdue', 3],
    ]);
  });

  it("applies a county's new deadline rules set through one instance on the other from its next request", async () => {
    const admin = new Client(proxy.port);
    const villager = new Client(proxy.port);
    const { token } = await signIn(admin, 'admin');
    const acceptanceDue = async () => {
      const filed = await villager.send(contract.report.create, { body: report() });
      expect(filed.status).toBe(201);
      const due = (filed.json as { dueDates: Array<{ kind: string; dueOn: string }> }).dueDates.find((d) => d.kind === 'acceptance');
      return { dueOn: due!.dueOn, servedBy: filed.servedBy };
    };
    const statutory = await acceptanceDue();

    const current = await admin.ok(contract.admin.deadlineRules, {}, { token });
    const rules = structuredClone(current.rules);
    rules.regimes.petition.deadlines.acceptance!.days = 5;
    const set = await admin.send(contract.admin.setDeadlineRules, { body: rules }, { token });
    expect(set.status).toBe(200);
    const seen = await throughOther(admin, set.servedBy, () => admin.send(contract.admin.deadlineRules, {}, { token }));
    expect(seen.json).toMatchObject({ overridden: true, rules: { regimes: { petition: { deadlines: { acceptance: { days: 5 } } } } } });

    // A report filed right away through either instance runs on the county's five days.
    const shortened = [await acceptanceDue(), await acceptanceDue()];
    expect(new Set(shortened.map((d) => d.servedBy))).toEqual(new Set(['A', 'B']));
    expect(shortened[0]!.dueOn).toBe(shortened[1]!.dueOn);
    expect(shortened[0]!.dueOn < statutory.dueOn).toBe(true);

    const reset = await admin.send(contract.admin.resetDeadlineRules, {}, { token });
    expect(reset.status).toBe(200);
    const back = await throughOther(admin, reset.servedBy, () => admin.send(contract.admin.deadlineRules, {}, { token }));
    expect(back.json).toMatchObject({ overridden: false });
  });

  it("knows next year's holiday schedule entered through one instance on the other from its next request", async () => {
    const province = new Client(proxy.port);
    const { token } = await signIn(province, 'province');
    const before = await province.ok(contract.admin.calendar, {}, { token });
    const year = Math.max(...before.years.map((y) => y.year));
    expect(before.years).not.toContainEqual({ year, source: 'admin' });
    const entered = await province.send(
      contract.admin.setCalendarYear,
      { params: { year }, body: { holidays: [`${year}-01-01`], workdays: [] } },
      { token },
    );
    expect(entered.status).toBe(200);
    const seen = await throughOther(province, entered.servedBy, () => province.send(contract.admin.calendar, {}, { token }));
    expect((seen.json as { years: unknown[] }).years).toContainEqual({ year, source: 'admin' });
  });
});
