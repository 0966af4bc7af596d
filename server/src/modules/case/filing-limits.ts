import { Inject, Injectable } from '@nestjs/common';
import type { ProofOfWorkSolution } from '@mashang/shared';
import { DomainError } from '../../common/domain-error.js';
import { ProofOfWork } from '../../common/proof-of-work/proof-of-work.js';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.js';
import { APP_CONFIG, type AppConfig, type IntakeLimits } from '../../config/app-config.js';

const MINUTE_MS = 60_000;
const WINDOW_MS = 10 * MINUTE_MS;
/** The most a flood can raise the work: 64 times the base, about a minute per report on an old phone. */
const MAX_EXTRA_BITS = 6;

/**
 * The work a filing must prove, from the reports counted in this ten-minute window: none within the
 * free rate; the base once the village is busy (a flood spread over many addresses costs each of
 * them); one more bit each time one address doubles its rate past its free share.
 */
export function requiredDifficulty(byAddress: number, byVillage: number, limits: IntakeLimits): number {
  const base = limits.proofOfWorkDifficulty;
  let bits = byVillage > limits.freePerVillage ? base : 0;
  if (byAddress > limits.freePerAddress) {
    const doublings = Math.floor(Math.log2(byAddress / Math.max(1, limits.freePerAddress)));
    bits = Math.max(bits, base + Math.min(MAX_EXTRA_BITS, doublings));
  }
  return bits;
}

/**
 * Keeps a flood of reports from drowning a township's inbox without turning a real villager away:
 * past the normal rate the client must solve a proof of work, which costs a villager a second or
 * two once and a flooder that much for every report. Counters live in the database, so the limits
 * hold across instances; addresses and village codes are kept there only as keyed hashes.
 */
@Injectable()
export class FilingLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly proofOfWork: ProofOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Admits one filing from `address` to the village, or throws the challenge to solve first. The
   * address counts every attempt (a flooder raises its own price); the village counts only filings
   * it admitted, so unproven requests cannot raise the price for the village's real reporters.
   * Past the attempt limit an address is asked the most work rather than refused: a villager behind
   * the same carrier NAT as a flooder still gets through.
   */
  async admit(address: string, villageCode: string, proof: ProofOfWorkSolution | undefined): Promise<void> {
    const limits = this.config.intake;
    const coarse = { coarse: true };
    // Separate counters, read at once: the filing waits for one round trip, not three.
    const [attempts, byAddress, byVillage] = await Promise.all([
      this.limiter.count('report_attempt', address, MINUTE_MS, coarse),
      this.limiter.count('report_address', address, WINDOW_MS, coarse),
      this.limiter.peek('report_village', villageCode, WINDOW_MS),
    ]);
    const needed =
      attempts > limits.attemptsPerMinute
        ? limits.proofOfWorkDifficulty + MAX_EXTRA_BITS
        : requiredDifficulty(byAddress, byVillage + 1, limits);
    if (needed > 0) {
      const proven = proof ? await this.proofOfWork.redeem(proof, villageCode) : null;
      // One bit of slack: the rate may have doubled while the client was solving.
      if (proven === null || proven < needed - 1) {
        throw new DomainError(proof ? 'PROOF_OF_WORK_INVALID' : 'PROOF_OF_WORK_REQUIRED', undefined, {
          proofOfWork: this.proofOfWork.issue(needed, villageCode),
        });
      }
    }
    await this.limiter.count('report_village', villageCode, WINDOW_MS);
  }
}
