import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemo } from '../src/cli/seed-demo.js';
import { FixedClock } from '../src/common/clock.js';
import { type AppConfig, loadConfig } from '../src/config/app-config.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo/demo-accounts.js';
import { DEMO_REGIONS } from '../src/demo/demo-data.js';
import { DEMO_CASES } from '../src/demo/seed-demo-cases.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';

/** The demo county, loaded as `npm start` loads it: the only test that reads it, so editing its text breaks nothing else. */
describe.each(DATABASE_KINDS)('the demo county on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { DEMO_DATA: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });
  const nameOf = (code: string | null) => DEMO_REGIONS.find((r) => r.code === code)?.name;

  it.each(DEMO_REGIONS.filter((r) => r.level === 'village'))('answers the page of $name ($code)', async (demoVillage) => {
    const res = await t.call(contract.village.page, { params: { code: demoVillage.code } });
    expect(res.status).toBe(200);
    expect(res.body.village).toEqual({ code: demoVillage.code, name: demoVillage.name });
    expect(res.body.township.name).toBe(nameOf(demoVillage.parentCode));
    expect(res.body.powerList.length).toBeGreaterThan(0);
    expect(res.body.disclosures.finance.length).toBeGreaterThan(0);
  });

  it('lets every demo account sign in with the demo password alone, and use its pages', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const res = await t.call(contract.staff.login, { body: { username: account.username, password: DEMO_PASSWORD } });
      if (!('token' in res.body)) throw new Error(`${account.username} was asked for a code`);
      expect(res.body.account).toMatchObject({
        username: account.username,
        role: account.role,
        regionCode: account.regionCode,
        disabled: false,
        mustChangePassword: false,
        twoFactorEnabled: false,
        twoFactorRequired: false,
      });
      expect((await t.call(contract.staff.me, {}, res.body.token)).status).toBe(200);
    }
    const county = await t.call(contract.staff.login, { body: { username: 'county', password: DEMO_PASSWORD } });
    expect((await t.call(contract.case.list, {}, 'token' in county.body ? county.body.token : '')).status).toBe(200);
  });

  it('still asks a new account of a role that can reveal reporters to enrol', async () => {
    const admin = { username: 'admin', password: DEMO_PASSWORD };
    const created = await t.call(
      contract.admin.createAccount,
      { body: { username: 'new-handler', displayName: '新干部', role: 'township_handler', regionCode: '341821102' } },
      admin,
    );
    expect(created.body.account).toMatchObject({ mustChangePassword: true, twoFactorRequired: true, twoFactorEnabled: false });
  });

  it('shows a newcomer the county pressing late cases: an open 督办 with a 催办, and a 督办 the township answered', async () => {
    await expectPressedCases(t);
  });
});

/** The county pressing late cases, as a newcomer sees them: an open 督办 with a 催办, and a 督办 the township answered. */
async function expectPressedCases(t: TestApp): Promise<void> {
  const county = { username: 'county', password: DEMO_PASSWORD };
  const taoyuan = { username: 'taoyuan', password: DEMO_PASSWORD };
  const cases = (await t.call(contract.case.list, { query: { limit: 200 } }, county)).body.items;
  expect(cases).toHaveLength(DEMO_CASES.length);
  const [open, answered] = await Promise.all(
    ['demo-case-supervised-open', 'demo-case-supervised-answered'].map(async (key) => {
      const demo = DEMO_CASES.find((c) => c.key === key)!;
      const row = cases.find((c) => c.villageCode === demo.villageCode)!;
      return (await t.call(contract.case.get, { params: { reportNo: row.reportNo } }, county)).body;
    }),
  );
  // Each is late (received weeks ago, as a letter) and the reporter reads only that the county pressed it.
  expect(open!.supervisions.map((s) => s.kind)).toEqual(['supervise', 'urge']);
  expect(open!.supervisions[0]).toMatchObject({ answer: null, endedAt: null, due: expect.objectContaining({ overdue: false }) });
  expect(open!.supervisionActions).toEqual(['urge']);
  expect(open!.timeline.filter((e) => e.publicText).map((e) => e.publicText)).toContain('县纪委已督办本件，督促承办单位依规办理');
  expect(answered!.supervisions[0]).toMatchObject({ answer: expect.objectContaining({ text: expect.any(String) }), endedAt: null });
  expect(answered!.status).toBe('accepted');
  // The township answers the open one; the county reads the answered one on its alerts page.
  expect((await t.call(contract.case.get, { params: { reportNo: open!.reportNo } }, taoyuan)).body.supervisionActions).toEqual(['answer']);
  const alerts = (await t.call(contract.case.alerts, {}, county)).body.items;
  expect(alerts).toContainEqual(expect.objectContaining({ reportNo: answered!.reportNo, kind: 'answered' }));
  expect((await t.call(contract.case.alerts, {}, taoyuan)).body.items.map((a) => [a.reportNo, a.kind])).toEqual(
    expect.arrayContaining([
      [open!.reportNo, 'urged'],
      [open!.reportNo, 'supervised'],
    ]),
  );
  // Its 督办 not yet due, the open case waits on the township, not on the county's 待办.
  const countyTodo = (await t.call(contract.case.list, { query: { todo: 'true' } }, county)).body.items.map((c) => c.reportNo);
  expect(countyTodo).not.toContain(open!.reportNo);
}

/** `npm run seed` loads the same demo into the database it is given, the 督办 cases too, and nothing into one that has regions. */
describe.each(DATABASE_KINDS)('npm run seed on %s', (kind) => {
  const folder = mkdtempSync(join(tmpdir(), 'mashang-seed-'));
  let database: TestDatabase;
  let config: AppConfig;
  let t: TestApp | undefined;
  beforeAll(async () => {
    // SQLite in a file (the seed's app closes before the test's app opens it); MySQL a test database of its own.
    database =
      kind === 'sqlite'
        ? { config: { type: 'sqlite', file: join(folder, 'seed.sqlite') }, drop: async () => {} }
        : await createTestDatabase(kind);
    config = {
      ...loadConfig({
        NODE_ENV: 'test',
        UPLOAD_DIR: join(folder, 'uploads'),
        PUBLIC_BASE_URL: 'https://mashang.example.cn',
        SWEEP_INTERVAL_SECONDS: '0',
      }),
      database: database.config,
    };
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('loads the demo county with its 督办 cases, once', async () => {
    const clock = new FixedClock(DEFAULT_NOW);
    await expect(seedDemo(config, { clock, logLevels: ['error'] })).resolves.toBe(true);
    await expect(seedDemo(config, { clock, logLevels: ['error'] })).resolves.toBe(false);
    // An app on the seeded database, as a second server opens one (startTestApp's `sharing` reads only its config);
    // DEMO_DATA on for the demo accounts' sign-in without two-factor (it loads nothing into a database with regions).
    t = await startTestApp(kind, { DEMO_DATA: 'true' }, { config } as TestApp);
    await expectPressedCases(t);
  });
});
