import { sha256 } from '@noble/hashes/sha2';
import { z } from 'zod';

// Both runtimes have a timer; the shared package is built without DOM or Node types.
declare const setTimeout: (callback: () => void, ms: number) => unknown;

/**
 * Hashcash-style proof of work. Past the normal filing rate the server answers with a challenge;
 * the client finds a nonce whose SHA-256 of `challenge:nonce` starts with `difficulty` zero bits
 * and sends the report again with it. A villager pays a second or two once; a flood pays it for
 * every report, and more the harder it pushes.
 */
export const ProofOfWorkChallengeSchema = z.object({
  /** Opaque and signed by the server; solve it as it is. */
  challenge: z.string(),
  /** Leading zero bits the hash must have: each bit doubles the expected work. */
  difficulty: z.number().int(),
  expiresAt: z.string(),
});
export type ProofOfWorkChallenge = z.infer<typeof ProofOfWorkChallengeSchema>;

export const ProofOfWorkSolutionSchema = z.object({
  challenge: z.string().max(200),
  nonce: z.string().regex(/^[0-9a-z]{1,16}$/),
});
export type ProofOfWorkSolution = z.infer<typeof ProofOfWorkSolutionSchema>;

/**
 * Challenges and nonces are ASCII by construction (the server signs what it issues). No
 * TextEncoder: not every WeChat base library has one.
 */
function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function proofOfWorkHolds(challenge: string, nonce: string, difficulty: number): boolean {
  return leadingZeroBits(sha256(asciiBytes(`${challenge}:${nonce}`))) >= difficulty;
}

/**
 * The hash state after `challenge:` is computed once and copied into one reused hasher for each
 * nonce, with one reused output: on an old phone allocation costs as much as hashing.
 */
function hasherFor(challenge: string): (nonce: string) => Uint8Array {
  const prefix = sha256.create().update(asciiBytes(`${challenge}:`));
  const hasher = sha256.create();
  const out = new Uint8Array(32);
  return (nonce) => {
    prefix._cloneInto(hasher);
    hasher.update(asciiBytes(nonce)).digestInto(out);
    return out;
  };
}

export interface SolveOptions {
  /** Hashes between yields to the event loop, so the page keeps answering taps. */
  batch?: number;
  signal?: { readonly aborted: boolean; readonly reason?: unknown };
}

/** Finds a nonce for the challenge, yielding between batches. */
export async function solveProofOfWork({ challenge, difficulty }: ProofOfWorkChallenge, options: SolveOptions = {}): Promise<string> {
  const batch = options.batch ?? 4096;
  const hash = hasherFor(challenge);
  for (let counter = 0; ; counter++) {
    const nonce = counter.toString(36);
    if (leadingZeroBits(hash(nonce)) >= difficulty) return nonce;
    if (counter % batch === batch - 1) {
      if (options.signal?.aborted) throw new Error('Proof of work aborted', { cause: options.signal.reason });
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }
}
