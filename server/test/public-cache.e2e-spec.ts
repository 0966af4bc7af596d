import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { contract, type DisclosureDraft, type RouteSpec } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import {
  LINEAR_CHART,
  type Region,
  type StaffFixture,
  county,
  disclosure,
  fileReport,
  powerItem,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';
import { VillageService } from '../src/modules/village/village.service.js';

const p = contract.publishing;

function notice(overrides: Partial<DisclosureDraft> = {}): DisclosureDraft {
  return {
    kind: 'village',
    type: 'other',
    title: '关于村道硬化工程的公示',
    period: '2026-09',
    body: '村道硬化工程已完工，造价12万元。',
    table: null,
    ...overrides,
  };
}

/** Every key a schema allows, at every depth, as `a.b.c` paths (arrays as `[]`). */
function schemaPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[] } }).def;
  if (def.type === 'object') {
    const shape = (schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
    return Object.entries(shape).flatMap(([key, inner]) => [`${prefix}${key}`, ...schemaPaths(inner, `${prefix}${key}.`)]);
  }
  if (def.type === 'array' && def.element) return schemaPaths(def.element, `${prefix}[].`);
  if ((def.type === 'nullable' || def.type === 'optional' || def.type === 'default') && def.innerType)
    return schemaPaths(def.innerType, prefix);
  if (def.type === 'union' && def.options) return def.options.flatMap((o) => schemaPaths(o, prefix));
  return [];
}

/** Every key present in a JSON value, as `schemaPaths` names them. */
function valuePaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuePaths(v, `${prefix}[].`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...valuePaths(inner, `${prefix}${key}.`)]);
  return [];
}

function expectOnlySchemaKeys(route: RouteSpec, body: unknown) {
  const allowed = new Set(schemaPaths(route.response!));
  expect(valuePaths(body).filter((path) => !allowed.has(path))).toEqual([]);
}

describe.each(DATABASE_KINDS)('public pages from the cache on %s', (kind) => {
  /** Two instances on one database, as behind a load balancer. */
  let first: TestApp;
  let second: TestApp;
  let home: Region;
  let homeCounty: Region;
  let publisher: StaffFixture;
  let supervisor: StaffFixture;
  let removeAfter: string;

  beforeAll(async () => {
    // On SQLite the two instances share a database file (the test app's own SQLite lives in memory).
    const dir = mkdtempSync(join(tmpdir(), 'mashang-cache-'));
    removeAfter = dir;
    const onFile = { config: { database: { type: 'sqlite', file: join(dir, 'db.sqlite') }, uploadDir: dir } } as unknown as TestApp;
    first = await startTestApp(kind, {}, kind === 'sqlite' ? onFile : undefined);
    second = await startTestApp(kind, {}, first);
    const qingxi = await county(first);
    homeCounty = qingxi;
    const taoyuan = await township(first, qingxi, { hotline: '0563-7021234' });
    home = await village(first, taoyuan, { name: '东山村' });
    publisher = await staffAccount(first, 'village_publisher', home, { displayName: '王报账' });
    supervisor = await staffAccount(first, 'village_supervisor', home, { displayName: '李监督' });
    await powerItem(first, home, { title: '村级工程项目建设' });
    await disclosure(first, home, { title: '2026年8月财务收支' });
    // Enough on the page for it to travel compressed (from 1 KB).
    for (const month of ['01', '02', '03', '04', '05', '06', '07']) {
      await disclosure(first, home, {
        kind: 'finance',
        type: 'income_expense',
        title: `2026年${month}月村级财务收支明细公开`,
        period: `2026-${month}`,
      });
    }
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    rmSync(removeAfter, { recursive: true, force: true });
  });

  const page = (t: TestApp) => t.call(contract.village.page, { params: { code: home.code } });

  async function publish(t: TestApp, draft = notice()): Promise<number> {
    const { id } = (await t.call(p.create, { body: draft }, publisher)).body;
    expect((await t.call(p.submit, { params: { id } }, publisher)).ok).toBe(true);
    expect((await t.call(p.cosign, { params: { id } }, supervisor)).ok).toBe(true);
    return id;
  }

  it('answers 304 to a matching If-None-Match, and the full page, compressed once, to any other', async () => {
    const full = await page(first);
    expect(full.status).toBe(200);
    const etag = full.headers.etag;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(full.headers['cache-control']).toBe('public, no-cache');
    expect(full.headers.vary).toContain('accept-encoding');

    const url = `/api/v1/villages/${home.code}`;
    const notModified = await first.request('GET', url, undefined, undefined, { 'if-none-match': String(etag) });
    expect(notModified.status).toBe(304);
    expect(notModified.raw.length).toBe(0);
    expect(notModified.headers.etag).toBe(etag);
    // Either form of the validator, among others, matches; another one does not.
    const listed = await first.request('GET', url, undefined, undefined, { 'if-none-match': `"other", ${String(etag).slice(2)}` });
    expect(listed.status).toBe(304);
    const stale = await first.request('GET', url, undefined, undefined, { 'if-none-match': 'W/"not-this-one"' });
    expect(stale.status).toBe(200);
    expect(JSON.parse(stale.text)).toEqual(full.body);

    // The other instance builds the same bytes, so the validator holds across a load balancer.
    expect((await page(second)).headers.etag).toBe(etag);

    const br = await first.request('GET', url, undefined, undefined, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.raw).toString('utf8'))).toEqual(full.body);
    const gz = await first.request('GET', url, undefined, undefined, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.raw).toString('utf8'))).toEqual(full.body);
    expect(gz.headers.etag).toBe(etag);

    // Power items and disclosures answer the same way.
    const itemId = full.body.powerList[0]!.items[0]!.id;
    const item = await first.call(contract.village.powerItem, { params: { id: itemId } });
    const itemAgain = await first.request('GET', `/api/v1/power-items/${itemId}`, undefined, undefined, {
      'if-none-match': String(item.headers.etag),
    });
    expect(itemAgain.status).toBe(304);
    const disclosureId = full.body.disclosures.village[0]!.id;
    const shown = await first.call(contract.village.disclosure, { params: { id: disclosureId } });
    const shownAgain = await first.request('GET', `/api/v1/disclosures/${disclosureId}`, undefined, undefined, {
      'if-none-match': String(shown.headers.etag),
    });
    expect(shownAgain.status).toBe(304);
  });

  it('shows a disclosure published, corrected and withdrawn through one instance at once on the other', async () => {
    // Both instances hold the page and the list before the change.
    const before = (await page(second)).body;
    await page(first);
    const id = await publish(first);
    const after = (await page(second)).body;
    expect(after.disclosures.village.map((d) => d.title)).toContain('关于村道硬化工程的公示');
    expect(after.disclosures.village).toHaveLength(before.disclosures.village.length + 1);
    expect((await second.call(contract.village.disclosure, { params: { id } })).body.body).toBe('村道硬化工程已完工，造价12万元。');

    // A correction, co-signed through the second instance, shows on the first.
    expect((await first.call(p.correct, { params: { id }, body: { reason: '造价金额有误' } }, publisher)).ok).toBe(true);
    const draft = notice({ body: '村道硬化工程已完工，造价11.5万元。' });
    expect((await first.call(p.saveDraft, { params: { id }, body: draft }, publisher)).ok).toBe(true);
    expect((await first.call(p.submit, { params: { id } }, publisher)).ok).toBe(true);
    expect((await second.call(p.cosign, { params: { id } }, supervisor)).ok).toBe(true);
    const corrected = (await first.call(contract.village.disclosure, { params: { id } })).body;
    expect(corrected.body).toBe('村道硬化工程已完工，造价11.5万元。');
    expect(corrected.corrections.map((c) => c.reason)).toEqual(['造价金额有误']);
    expect((await page(first)).body.disclosures.village.find((d) => d.id === id)?.corrected).toBe(true);

    // A withdrawal: gone from both at once, the reason shown.
    expect((await second.call(p.withdraw, { params: { id }, body: { reason: '重复发布' } }, publisher)).ok).toBe(true);
    expect((await second.call(p.cosign, { params: { id } }, supervisor)).ok).toBe(true);
    for (const t of [first, second]) {
      const withdrawn = (await t.call(contract.village.disclosure, { params: { id } })).body;
      expect(withdrawn.withdrawal?.reason).toBe('重复发布');
      expect(withdrawn.body).toBe('');
      expect((await page(t)).body.disclosures.village.find((d) => d.id === id)?.withdrawn).toBe(true);
    }
  });

  it('shows a signer renamed by an admin through one instance at once on the other', async () => {
    const id = await publish(first);
    const signedBy = async (t: TestApp) => (await t.call(contract.village.disclosure, { params: { id } })).body.cosigner?.name;
    expect(await signedBy(second)).toBe('李监督');
    const admin = await staffAccount(first, 'admin', homeCounty);
    const renamed = await first.call(
      contract.admin.updateAccount,
      { params: { id: supervisor.id }, body: { displayName: '李监督员' } },
      admin,
    );
    expect(renamed.status).toBe(200);
    expect(await signedBy(second)).toBe('李监督员');
  });

  it('shows a power item edited through one instance at once on the other', async () => {
    const itemId = (await page(first)).body.powerList[0]!.items[0]!.id;
    const before = await second.call(contract.village.powerItem, { params: { id: itemId } });
    expect(before.body.responsible).not.toBe('村务监督委员会主任');
    const content = {
      category: 'village_affairs' as const,
      title: '村级工程项目建设（修订）',
      basis: '《村级工程项目管理办法》',
      responsible: '村务监督委员会主任',
      publicity: ['招标结果', '验收结果'],
      chart: { ...LINEAR_CHART, nodes: LINEAR_CHART.nodes.map((n, i) => (i === 1 ? { ...n, end: true } : n)) },
    };
    const saved = await first.call(contract.powerList.saveItem, { params: { id: itemId }, body: { ...content, version: 1 } }, publisher);
    expect(saved.ok).toBe(true);
    const after = await second.call(contract.village.powerItem, { params: { id: itemId } });
    expect(after.body.responsible).toBe('村务监督委员会主任');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await page(second)).body.powerList.flatMap((g) => g.items.map((i) => i.title))).toContain('村级工程项目建设（修订）');
  });

  it('moves the record on at midnight China time without any write', async () => {
    const today = (await page(first)).body.record;
    expect(today.asOf).toBe('2026-09-29');
    await fileReport(first, home);
    // Filed today: not in the record until the day is over.
    expect((await page(first)).body.record).toEqual(today);
    try {
      // 00:00:01 the next day in China.
      first.clock.set(new Date('2026-09-30T16:00:01Z'));
      const tomorrow = (await page(first)).body.record;
      expect(tomorrow.asOf).toBe('2026-09-30');
      expect(tomorrow.received).toBe(today.received + 1);
    } finally {
      first.clock.set(DEFAULT_NOW);
    }
  });

  it('never lets a field outside the contract through, though the answer is built once and then served from memory', async () => {
    const full = await page(first);
    expectOnlySchemaKeys(contract.village.page, full.body);
    const itemId = full.body.powerList[0]!.items[0]!.id;
    expectOnlySchemaKeys(contract.village.powerItem, (await first.call(contract.village.powerItem, { params: { id: itemId } })).body);
    const disclosureId = full.body.disclosures.village[0]!.id;
    expectOnlySchemaKeys(
      contract.village.disclosure,
      (await first.call(contract.village.disclosure, { params: { id: disclosureId } })).body,
    );

    // What the service hands over carries entity fields the contract does not name (as an entity would):
    // they are stripped when the answer is built, and the cached copy never has them.
    const service = first.app.get(VillageService);
    const real = service.powerItem.bind(service);
    const spy = jest
      .spyOn(service, 'powerItem')
      .mockImplementation(async (id) => ({ ...(await real(id)), reporterPhone: '13812345678', sortOrder: 3 }) as never);
    try {
      const extra = await powerItem(first, home, { title: '带多余字段的事项' });
      for (let i = 0; i < 2; i++) {
        const answer = await first.call(contract.village.powerItem, { params: { id: extra } });
        expect(answer.body.title).toBe('带多余字段的事项');
        expect(answer.text).not.toContain('13812345678');
        expect(answer.body).not.toHaveProperty('reporterPhone');
        expect(answer.body).not.toHaveProperty('sortOrder');
      }
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
