import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo/demo-accounts.js';
import { DEMO_REGIONS } from '../src/demo/demo-data.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

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
});
