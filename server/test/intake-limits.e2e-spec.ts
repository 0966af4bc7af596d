import { DataSource } from 'typeorm';
import { type ApiErrorBody, ApiErrorSchema, type ProofOfWorkChallenge, contract, solveProofOfWork } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requiredDifficulty } from '../src/modules/case/filing-limits.js';
import { county, type Region, type ReportInput, reportBody, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeIf } from '../../test/support/jest-helpers.js';

/** Small work, so tests solve challenges in milliseconds; the bench measures the real difficulty. */
const BASE = 6;
const LIMITS = {
  REPORTS_FREE_PER_ADDRESS: '3',
  REPORTS_FREE_PER_VILLAGE: '1000',
  REPORT_ATTEMPTS_PER_MINUTE: '1000',
  PROOF_OF_WORK_DIFFICULTY: String(BASE),
};

interface Filing {
  status: number;
  json: unknown;
}

async function fileFrom(t: TestApp, address: string, body: ReportInput): Promise<Filing> {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1${contract.report.create.path}`, payload: body, remoteAddress: address });
  return { status: res.statusCode, json: res.json() };
}

const errorOf = (filing: Filing): ApiErrorBody => ApiErrorSchema.parse(filing.json);
const challengeOf = (filing: Filing): ProofOfWorkChallenge => {
  const challenge = errorOf(filing).proofOfWork;
  if (!challenge) throw new Error(`no challenge in ${JSON.stringify(filing.json)}`);
  return challenge;
};

describe('the work a filing must prove', () => {
  const limits = { freePerAddress: 10, freePerVillage: 30, attemptsPerMinute: 60, proofOfWorkDifficulty: 16, replayHours: 24 };
  it('asks nothing within the free rate', () => {
    expect(requiredDifficulty(10, 30, limits)).toBe(0);
  });
  it('asks the base once the village or the address is past it', () => {
    expect(requiredDifficulty(1, 31, limits)).toBe(16);
    expect(requiredDifficulty(11, 5, limits)).toBe(16);
  });
  it('adds a bit each time one address doubles its rate, up to 64 times the base work', () => {
    expect(requiredDifficulty(20, 5, limits)).toBe(17);
    expect(requiredDifficulty(40, 5, limits)).toBe(18);
    expect(requiredDifficulty(100_000, 5, limits)).toBe(22);
  });
});

describe.each(DATABASE_KINDS)('report filing limits on %s', (kind) => {
  let t: TestApp;
  let db: DataSource;
  let dongshan: Region;
  let xishan: Region;
  let addressNo = 0;
  /** Each test files from its own address, so their counts do not mix. */
  const newAddress = () => `203.0.113.${++addressNo}`;
  const countReports = async () => Number((await db.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM reports'))[0]?.n);

  beforeAll(async () => {
    t = await startTestApp(kind, LIMITS);
    db = t.app.get(DataSource);
    const town = await township(t, await county(t));
    dongshan = await village(t, town, { name: '东山村' });
    xishan = await village(t, town, { name: '西山村' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('files freely up to the free rate, then asks for a proof of work and files once it is solved', async () => {
    const address = newAddress();
    for (let i = 0; i < 3; i++) expect((await fileFrom(t, address, reportBody(dongshan))).status).toBe(201);

    const before = await countReports();
    const body = reportBody(dongshan);
    const asked = await fileFrom(t, address, body);
    expect(asked.status).toBe(428);
    expect(errorOf(asked)).toMatchObject({ code: 'PROOF_OF_WORK_REQUIRED', message: expect.stringContaining('请稍候') });
    const challenge = challengeOf(asked);
    expect(challenge.difficulty).toBe(BASE);
    expect(await countReports()).toBe(before);

    const nonce = await solveProofOfWork(challenge);
    const filed = await fileFrom(t, address, { ...body, proofOfWork: { challenge: challenge.challenge, nonce } });
    expect(filed.status).toBe(201);
    expect(await countReports()).toBe(before + 1);
  });

  it('takes each solution once, and refuses a wrong, forged or expired one with a new challenge', async () => {
    const address = newAddress();
    for (let i = 0; i < 3; i++) await fileFrom(t, address, reportBody(dongshan));
    const challenge = challengeOf(await fileFrom(t, address, reportBody(dongshan)));
    const nonce = await solveProofOfWork(challenge);
    const solution = { challenge: challenge.challenge, nonce };
    expect((await fileFrom(t, address, reportBody(dongshan, { proofOfWork: solution }))).status).toBe(201);

    const reused = await fileFrom(t, address, reportBody(dongshan, { proofOfWork: solution }));
    expect(errorOf(reused).code).toBe('PROOF_OF_WORK_INVALID');
    expect(challengeOf(reused).challenge).not.toBe(challenge.challenge);

    // A challenge whose difficulty was lowered by the client no longer carries the server's signature.
    const fresh = challengeOf(await fileFrom(t, address, reportBody(dongshan)));
    const [v, , expires, scope, random, mac] = fresh.challenge.split('.');
    const forged = `${v}.1.${expires}.${scope}.${random}.${mac}`;
    const forgedFiling = await fileFrom(t, address, reportBody(dongshan, { proofOfWork: { challenge: forged, nonce: '0' } }));
    expect(errorOf(forgedFiling).code).toBe('PROOF_OF_WORK_INVALID');

    // A nonce that does not solve it.
    let wrong = 0;
    while ((await import('@mashang/shared')).proofOfWorkHolds(fresh.challenge, wrong.toString(36), fresh.difficulty)) wrong++;
    const wrongFiling = await fileFrom(
      t,
      address,
      reportBody(dongshan, { proofOfWork: { challenge: fresh.challenge, nonce: wrong.toString(36) } }),
    );
    expect(errorOf(wrongFiling).code).toBe('PROOF_OF_WORK_INVALID');
  });

  it('asks more work of one address the harder it pushes', async () => {
    const address = newAddress();
    const difficulties: number[] = [];
    for (let i = 0; i < 16; i++) {
      const filing = await fileFrom(t, address, reportBody(xishan));
      difficulties.push(filing.status === 201 ? 0 : challengeOf(filing).difficulty);
    }
    // 3 free; then the base up to twice the free rate, one bit more from 6 (twice), two from 12 (four times).
    const [b, b1, b2] = [BASE, BASE + 1, BASE + 2];
    expect(difficulties).toEqual([0, 0, 0, b, b, b1, b1, b1, b1, b1, b1, b2, b2, b2, b2, b2]);
  });

  it('asks the most work of an address that hammers past the attempt limit, rather than turning it away', async () => {
    const limited = await startTestApp(kind, { ...LIMITS, REPORT_ATTEMPTS_PER_MINUTE: '5' });
    try {
      const beili = await village(limited, await township(limited, await county(limited)), { name: '北里村' });
      const filings: Filing[] = [];
      for (let i = 0; i < 7; i++) filings.push(await fileFrom(limited, '198.51.100.7', reportBody(beili)));
      expect(filings.map((f) => f.status)).toEqual([201, 201, 201, 428, 428, 428, 428]);
      expect(filings.slice(3).map((f) => challengeOf(f).difficulty)).toEqual([BASE, BASE, BASE + 6, BASE + 6]);
      // Another address is not held back by it.
      expect((await fileFrom(limited, '198.51.100.8', reportBody(beili))).status).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it('takes a solution only for the village it was asked for', async () => {
    const address = newAddress();
    for (let i = 0; i < 3; i++) await fileFrom(t, address, reportBody(dongshan));
    const challenge = challengeOf(await fileFrom(t, address, reportBody(dongshan)));
    const solution = { challenge: challenge.challenge, nonce: await solveProofOfWork(challenge) };
    expect(errorOf(await fileFrom(t, address, reportBody(xishan, { proofOfWork: solution }))).code).toBe('PROOF_OF_WORK_INVALID');
  });

  it('counts only admitted filings against the village, so unproven requests cannot raise its price', async () => {
    const village2 = await startTestApp(kind, { ...LIMITS, REPORTS_FREE_PER_VILLAGE: '2', REPORTS_FREE_PER_ADDRESS: '1' });
    try {
      const dongli = await village(village2, await township(village2, await county(village2)), { name: '东里村' });
      expect((await fileFrom(village2, '192.0.2.50', reportBody(dongli))).status).toBe(201);
      for (let i = 0; i < 9; i++) expect((await fileFrom(village2, '192.0.2.50', reportBody(dongli))).status).toBe(428);
      expect((await fileFrom(village2, '192.0.2.51', reportBody(dongli))).status).toBe(201);
      // Now two admitted: the village's free share is used, and the next filer is asked the base.
      expect(challengeOf(await fileFrom(village2, '192.0.2.52', reportBody(dongli))).difficulty).toBe(BASE);
    } finally {
      await village2.close();
    }
  });

  it('keeps only 20 bits of the address hash beside anonymous filings, too few to tell one address', async () => {
    await fileFrom(t, newAddress(), reportBody(dongshan));
    const rows = await db.query<{ bucket: string }[]>("SELECT bucket FROM rate_limit_hits WHERE bucket LIKE 'report_a%'");
    expect(rows.length).toBeGreaterThan(0);
    for (const { bucket } of rows) expect(bucket).toMatch(/^report_(address|attempt):[0-9a-f]{1,5}$/);
  });

  it('counts an IPv6 /64 as one address', async () => {
    const prefix = '2001:db8:42:7';
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) statuses.push((await fileFrom(t, `${prefix}::${i}`, reportBody(dongshan))).status);
    expect(statuses).toEqual([201, 201, 201, 428]);
  });

  it('asks the base work of every address once a village is flooded from many, and leaves other villages alone', async () => {
    const flooded = await startTestApp(kind, { ...LIMITS, REPORTS_FREE_PER_VILLAGE: '4', REPORTS_FREE_PER_ADDRESS: '100' });
    try {
      const town = await township(flooded, await county(flooded));
      const nanli = await village(flooded, town, { name: '南里村' });
      const other = await village(flooded, town, { name: '中心村' });
      for (let i = 0; i < 4; i++) expect((await fileFrom(flooded, `192.0.2.${i + 1}`, reportBody(nanli))).status).toBe(201);
      const fifth = await fileFrom(flooded, '192.0.2.99', reportBody(nanli));
      expect(challengeOf(fifth).difficulty).toBe(BASE);
      expect((await fileFrom(flooded, '192.0.2.99', reportBody(other))).status).toBe(201);
    } finally {
      await flooded.close();
    }
  });

  it('gives a retry its receipt back for 24 hours, counted against the query-code limit, then says it was filed long ago', async () => {
    const replaying = await startTestApp(kind, { ...LIMITS, LOOKUP_LIMIT_PER_MINUTE: '2' });
    try {
      const town = await township(replaying, await county(replaying));
      const linli = await village(replaying, town, { name: '林里村' });
      const body = reportBody(linli);
      const first = await fileFrom(replaying, '198.51.100.20', body);
      expect(first.status).toBe(201);
      const again = await fileFrom(replaying, '198.51.100.20', body);
      expect(again).toEqual(first);
      expect((await fileFrom(replaying, '198.51.100.20', body)).status).toBe(201);
      expect(errorOf(await fileFrom(replaying, '198.51.100.20', body)).code).toBe('RATE_LIMITED');

      replaying.clock.set(new Date(replaying.clock.now().getTime() + 25 * 3_600_000));
      const late = await fileFrom(replaying, '198.51.100.21', body);
      expect(late.status).toBe(409);
      expect(errorOf(late)).toMatchObject({ code: 'IDEMPOTENCY_KEY_EXPIRED', message: expect.stringContaining('查询码') });
    } finally {
      await replaying.close();
    }
  });
});

describeIf(DATABASE_KINDS.includes('mysql'))('report filing limits across two instances on one MySQL database', () => {
  let first: TestApp;
  let second: TestApp;
  let dongshan: Region;

  beforeAll(async () => {
    first = await startTestApp('mysql', LIMITS);
    second = await startTestApp('mysql', LIMITS, first);
    dongshan = await village(first, await township(first, await county(first)), { name: '东山村' });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('counts one address across both instances, and a challenge from one is redeemed on the other', async () => {
    const address = '203.0.113.200';
    expect((await fileFrom(first, address, reportBody(dongshan))).status).toBe(201);
    expect((await fileFrom(second, address, reportBody(dongshan))).status).toBe(201);
    expect((await fileFrom(first, address, reportBody(dongshan))).status).toBe(201);
    const body = reportBody(dongshan);
    const challenge = challengeOf(await fileFrom(second, address, body));
    const solution = { challenge: challenge.challenge, nonce: await solveProofOfWork(challenge) };
    expect((await fileFrom(first, address, { ...body, proofOfWork: solution })).status).toBe(201);
    expect(errorOf(await fileFrom(second, address, reportBody(dongshan, { proofOfWork: solution }))).code).toBe('PROOF_OF_WORK_INVALID');
  });
});
