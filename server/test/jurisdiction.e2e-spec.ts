import { type RouteSpec, buildPath, contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withContext } from '../../test/support/jest-helpers.js';
import { DATABASE_KINDS } from './support/databases.js';
import { fileReport, reportBody } from './support/reports.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** A valid request for every staff route, aimed at a case of 桃源镇 (or its accounts). */
function requestFor(route: RouteSpec, reportNo: string, accountId: number): { url: string; body?: unknown } {
  const params = { reportNo, id: accountId, code: '341821102201', year: 2027 };
  const url = `/api/v1${buildPath(route.path, params as Record<string, string | number>)}`;
  const bodies: Record<string, unknown> = {
    '/staff/cases/:reportNo/actions': { action: 'note', text: '越权测试' },
    '/staff/reports': { ...reportBody(), channel: 'phone', receivedOn: '2026-09-30' },
    '/admin/accounts': { username: 'intruder', displayName: '越权者', role: 'admin', regionCode: '341821102' },
    '/admin/accounts/:id': { disabled: true },
  };
  return { url, body: route.method === 'GET' ? undefined : bodies[route.path] };
}

const staffRoutes = Object.values({ ...contract.case, ...contract.admin }) as RouteSpec[];

describe.each(DATABASE_KINDS)('jurisdiction on %s', (kind) => {
  let t: TestApp;
  let reportNo: string;
  let taoyuanAccountId: number;
  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ reportNo } = await fileReport(t, { mode: 'real_name', reporter: { name: '张秀英', phone: '13912345678' } }));
    const admin = await t.login('admin');
    const accounts = await t.request('GET', '/api/v1/admin/accounts', undefined, admin);
    taoyuanAccountId = accounts.body.items.find((a: { username: string }) => a.username === 'taoyuan').id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(staffRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('refuses %s to a role it is not for', async (_, route) => {
    // Village staff may be the very people reported on: they never reach cases, nor accounts.
    const token = await t.login('dongshan-pub');
    const { url, body } = requestFor(route, reportNo, taoyuanAccountId);
    const res = await t.request(route.method, url, body, token);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it.each(staffRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('refuses %s without a session', async (_, route) => {
    const { url, body } = requestFor(route, reportNo, taoyuanAccountId);
    const res = await t.request(route.method, url, body);
    expect(res.status).toBe(401);
  });

  it('answers another township’s case exactly as a case that does not exist', async () => {
    const shimen = await t.login('shimen');
    for (const route of [contract.case.get, contract.case.act, contract.case.reveal]) {
      const mine = requestFor(route, reportNo, 0);
      const nowhere = requestFor(route, '2222222222', 0);
      const theirs = await t.request(route.method, mine.url, mine.body, shimen);
      const missing = await t.request(route.method, nowhere.url, nowhere.body, shimen);
      await withContext(route.path, () => {
        expect(theirs.status).toBe(404);
        expect(theirs.body).toEqual(missing.body);
        expect(theirs.body.code).toBe('CASE_NOT_FOUND');
      });
    }
    const list = await t.request('GET', '/api/v1/staff/cases', undefined, shimen);
    expect(list.body.items).toEqual([]);
    const byVillage = await t.request('GET', '/api/v1/staff/cases?village=341821102201', undefined, shimen);
    expect(byVillage.body.items).toEqual([]);
    expect((await t.request('GET', '/api/v1/staff/alerts', undefined, shimen)).body.items).toEqual([]);
    const villages = (await t.request('GET', '/api/v1/staff/villages', undefined, shimen)).body.items;
    expect(villages.every((v: { code: string }) => v.code.startsWith('341821203'))).toBe(true);
    const handlers = (await t.request('GET', '/api/v1/staff/handlers', undefined, shimen)).body.items;
    expect(handlers.map((h: { displayName: string }) => h.displayName)).not.toContain('李桃源');
    const offline = await t.request('POST', '/api/v1/staff/reports', { ...reportBody(), channel: 'phone', receivedOn: '2026-09-30' }, shimen);
    expect(offline.body.code).toBe('VILLAGE_NOT_FOUND');
    // Nothing about the case changed.
    const taoyuan = await t.login('taoyuan');
    const detail = await t.request('GET', `/api/v1/staff/cases/${reportNo}`, undefined, taoyuan);
    expect(detail.body.timeline).toHaveLength(1);
    const admin = await t.login('admin');
    expect((await t.request('GET', '/api/v1/admin/audit-log', undefined, admin)).body.items).toEqual([]);
  });

  it('implements every route of the contract', async () => {
    const routes = Object.values(contract).flatMap((area) => Object.values(area)) as RouteSpec[];
    const token = await t.login('county');
    for (const route of routes) {
      const { url, body } = requestFor(route, reportNo, taoyuanAccountId);
      const res = await t.request(route.method, url, body ?? (route.method === 'POST' ? {} : undefined), token);
      await withContext(`${route.method} ${route.path}`, () => expect(res.body?.code).not.toBe('NOT_FOUND'));
    }
  });
});
