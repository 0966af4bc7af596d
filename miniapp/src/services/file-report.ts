import { type ReportReceipt, type RouteInput, contract, solveProofOfWork } from '@mashang/shared';
import { callWithHeaders } from './api';
import { isApiError } from './http';
import { filingHeaders } from './reporter-session';

type ReportBody = RouteInput<typeof contract.report.create>['body'];

/** A busy server may ask again while the rate climbs; past this many rounds the villager is told to retry. */
const MAX_ROUNDS = 3;

/**
 * Files a report; when the server asks for a proof of work (many reports at once), solves it on
 * the phone and sends the same report again. `onWorking` lets the page say why it takes longer.
 */
export async function fileReport(body: ReportBody, onWorking: (working: boolean) => void = () => {}): Promise<ReportReceipt> {
  let attempt: ReportBody = body;
  for (let round = 0; ; round++) {
    try {
      // The reporter's session goes with a real-name report only (it lists the report in 我的反映).
      return await callWithHeaders(contract.report.create, filingHeaders(attempt.mode), { body: attempt });
    } catch (error) {
      const challenge = isApiError(error) ? error.proofOfWork : undefined;
      if (!challenge || round >= MAX_ROUNDS) throw error;
      onWorking(true);
      try {
        // Let the page show why it takes longer before the phone starts: a quick solve never yields on its own.
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        attempt = { ...body, proofOfWork: { challenge: challenge.challenge, nonce: await solveProofOfWork(challenge) } };
      } finally {
        onWorking(false);
      }
    }
  }
}
