import type { TestApp } from './test-app.js';

let sequence = 0;

/** A report body with a fresh idempotency key; override any field. */
export function reportBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence++;
  return {
    idempotencyKey: `k-${process.pid}-${Date.now().toString(36)}-${sequence.toString().padStart(6, '0')}`,
    villageCode: '341821102201',
    mode: 'anonymous',
    track: 'accusation',
    category: 'welfare_funds',
    content: '村里今年的耕地地力保护补贴，有几户没种地的也领到了，种地的反而没领到。',
    ...overrides,
  };
}

/** Files a report as a villager would and answers its number and query code. */
export async function fileReport(t: TestApp, overrides: Record<string, unknown> = {}): Promise<{ reportNo: string; queryCode: string }> {
  const res = await t.request('POST', '/api/v1/reports', reportBody(overrides));
  if (res.status !== 201) throw new Error(`report not filed: ${JSON.stringify(res.body)}`);
  return { reportNo: res.body.reportNo, queryCode: res.body.queryCode };
}

/** 10:00 in China on a date. */
export const chinaMorning = (date: string) => new Date(`${date}T02:00:00Z`);
