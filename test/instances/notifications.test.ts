// Progress notices with two server instances on one MySQL database, both running the outbox worker
// every second: each notice is sent exactly once, whichever instance took the step and whichever
// claimed the job. The SMS provider is the Tencent stand-in (it checks each request's signature).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type ReportCreate, contract } from '@mashang/shared';
import { type SmsStandIn, startSmsStandIn } from '../../server/test/stand-ins/sms-stand-in.js';
import { describeIf, eventually } from '../support/jest-helpers.js';
import type { Database, Proxy } from './support/cluster.js';
import { Client } from './support/client.js';
import { type TwoInstances, startTwoInstances } from './support/two-instances.js';

const DEMO_VILLAGE = '341821102201';
const DEMO_PASSWORD = 'mashang-demo-2026';
const CONTENT = '村里修路的钱账目不清，施工队说只收到一半工程款。';
const REPORTS = 8;

let cluster: TwoInstances | undefined;
let database: Database;
let proxy: Proxy;
let sms: SmsStandIn;

describeIf(Boolean(process.env.MYSQL_URL || process.env.CI))('progress notices with two instances on one MySQL database', () => {
  beforeAll(async () => {
    sms = await startSmsStandIn();
    cluster = await startTwoInstances({
      SWEEP_INTERVAL_SECONDS: '0',
      // Both work the outbox every second, so they race for every job.
      OUTBOX_INTERVAL_SECONDS: '1',
      REPORTS_FREE_PER_ADDRESS: '100000',
      ...sms.env,
    });
    ({ database, proxy } = cluster);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    await sms?.close();
  });

  it('sends each notice once, with no report content, whichever instance takes the step', async () => {
    const villager = new Client(proxy.port);
    const staff = new Client(proxy.port);
    const login = await staff.send(contract.staff.login, { body: { username: 'taoyuan', password: DEMO_PASSWORD } });
    const { token } = login.json as { token: string };
    const phones = Array.from({ length: REPORTS }, (_, i) => `1390000${String(1000 + i)}`);
    const filed: Array<{ reportNo: string; phone: string }> = [];
    for (const phone of phones) {
      const body: ReportCreate = {
        idempotencyKey: `notice-${randomBytes(9).toString('base64url')}`,
        villageCode: DEMO_VILLAGE,
        mode: 'real_name',
        track: 'petition',
        category: 'other',
        content: CONTENT,
        reporter: { name: '钱桂兰', phone },
      };
      const answer = await villager.send(contract.report.create, { body });
      expect(answer.status).toBe(201);
      filed.push({ reportNo: (answer.json as { reportNo: string }).reportNo, phone });
    }
    // Accepted and answered through both instances in turn (the proxy alternates), while both workers run.
    const servedBy = new Set<string>();
    for (const { reportNo } of filed) {
      const accepted = await staff.send(contract.case.act, { params: { reportNo }, body: { action: 'accept' } }, { token });
      expect(accepted.status).toBe(200);
      servedBy.add(accepted.servedBy);
    }
    for (const { reportNo } of filed.slice(0, REPORTS / 2)) {
      const replied = await staff.send(
        contract.case.act,
        { params: { reportNo }, body: { action: 'reply', text: '经核查，工程款已按合同足额支付，账目已公开。' } },
        { token },
      );
      expect(replied.status).toBe(200);
      servedBy.add(replied.servedBy);
    }
    expect(servedBy).toEqual(new Set(['A', 'B']));

    const expected = REPORTS + REPORTS / 2;
    await eventually(() => expect(sms.state.sent.filter((s) => phones.includes(s.phone.slice(3)))).toHaveLength(expected), {
      timeout: 30_000,
      interval: 250,
    });
    // A few more rounds of both workers: nothing goes out twice.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    filed.forEach(({ phone }, i) => {
      const params = sms.state.sent.filter((s) => s.phone === `+86${phone}`).map((s) => s.params[0]);
      expect(params).toEqual(i < REPORTS / 2 ? ['已受理', '已答复'] : ['已受理']);
    });
    expect(JSON.stringify(sms.state.requests.map((r) => r.body))).not.toContain(CONTENT.slice(0, 8));
    const jobs = await database.query<{ status: string; attempts: number; n: number }>(
      'SELECT j.status, j.attempts, COUNT(*) AS n FROM outbox_jobs j JOIN reports r ON r.id = j.report_id WHERE r.report_no IN (?) GROUP BY j.status, j.attempts',
      [filed.map((f) => f.reportNo)],
    );
    expect(jobs.map((j) => ({ ...j, n: Number(j.n) }))).toEqual([{ status: 'sent', attempts: 1, n: expected }]);
  });
});
