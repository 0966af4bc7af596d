import { z } from 'zod';

/**
 * Zod compiles a faster validator with `new Function` where it may, and probes for it on first use.
 * The H5 pages run under a Content-Security-Policy without 'unsafe-eval' (the probe alone is reported
 * as a violation) and the mini program has no eval at all: the clients call this before validating.
 */
export function validateWithoutEval(): void {
  z.config({ jitless: true });
}
