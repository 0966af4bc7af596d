import { contract, type ReportReceipt, type RouteInput } from '@mashang/shared';
import type { TestApp } from '../support/test-app.js';
import type { Region } from './regions.js';

export type ReportInput = RouteInput<typeof contract.report.create>['body'];

let sequence = 0;

/** A valid anonymous report on a village, with a fresh idempotency key; override any field. */
export function reportBody(village: Region, overrides: Partial<ReportInput> = {}): ReportInput {
  sequence++;
  return {
    idempotencyKey: `k-${process.pid}-${Date.now().toString(36)}-${sequence.toString().padStart(6, '0')}`,
    villageCode: village.code,
    mode: 'anonymous',
    track: 'accusation',
    category: 'welfare_funds',
    content: '村里今年的耕地地力保护补贴，有几户没种地的也领到了，种地的反而没领到。',
    ...overrides,
  };
}

/** Files a report through the API as a villager would, and answers the receipt. */
export async function fileReport(t: TestApp, village: Region, overrides: Partial<ReportInput> = {}): Promise<ReportReceipt> {
  return (await t.call(contract.report.create, { body: reportBody(village, overrides) })).body;
}

/** 10:00 in China on a date. */
export const chinaMorning = (date: string) => new Date(`${date}T02:00:00Z`);
