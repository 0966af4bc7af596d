// What the project's tests used from Vitest and Jest lacks, kept here once for every package.
import { describe } from '@jest/globals';

/**
 * A `describe` block that runs only when `condition` holds, and is reported as skipped otherwise
 * (Vitest's `describe.skipIf(!condition)`); `.each` works on it too.
 */
export function describeIf(condition: boolean): typeof describe.skip {
  return condition ? describe : describe.skip;
}

export interface EventuallyOptions {
  /** How long to keep trying, in ms, counted from the first attempt. */
  timeout?: number;
  /** The pause between two attempts, in ms. */
  interval?: number;
}

/** An attempt that was still running when the time ran out (a locator waiting for an element that never came). */
class AttemptOutlastedDeadline extends Error {
  constructor(ms: number) {
    super(`The attempt was still running when the ${ms} ms ran out.`);
    this.name = 'AttemptOutlastedDeadline';
  }
}

/** Rejects once `ms` have gone by, so an attempt that hangs cannot outlast the deadline. */
function deadlineAfter(ms: number): { expired: Promise<never>; clear(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AttemptOutlastedDeadline(ms)), ms);
  });
  return { expired, clear: () => clearTimeout(timer) };
}

/** Puts `prefix` in front of an error's message, and of its stack, which is what Jest prints. */
function prefixMessage(failure: unknown, prefix: string): void {
  if (!(failure instanceof Error)) return;
  const original = failure.message;
  // Reading the stack first fixes its text with the original message, so it is prefixed exactly once.
  const stack = failure.stack;
  failure.message = `${prefix}\n\n${original}`;
  if (typeof stack === 'string' && original !== '' && stack.includes(original)) failure.stack = stack.replace(original, failure.message);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Retries an assertion until it passes or `timeout` ms have gone by, and resolves with what it returned:
 * for pages that settle a moment after an action, as Vitest's `expect.poll` did
 * (`await eventually(async () => expect(await text()).toContain('x'))`). When time runs out it throws the
 * last failure of the assertion, its message prefixed with how long and how often it was tried.
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  { timeout = 10_000, interval = 100 }: EventuallyOptions = {},
): Promise<T> {
  const started = Date.now();
  const deadline = started + timeout;
  let attempts = 0;
  let lastFailure: unknown;
  for (;;) {
    attempts += 1;
    // Each attempt may run until the deadline; the last one still gets one interval.
    const limit = deadlineAfter(Math.max(deadline - Date.now(), interval));
    try {
      return await Promise.race([Promise.resolve().then(assertion), limit.expired]);
    } catch (failure) {
      // A hung attempt says less than the assertion's own failure before it, so keep that one.
      if (!(failure instanceof AttemptOutlastedDeadline) || lastFailure === undefined) lastFailure = failure;
      if (Date.now() >= deadline) {
        prefixMessage(lastFailure, `Still failing after ${Date.now() - started} ms and ${attempts} attempts:`);
        throw lastFailure;
      }
    } finally {
      limit.clear();
    }
    await sleep(Math.min(interval, Math.max(deadline - Date.now(), 0)));
  }
}

/** Runs an assertion and, when it fails, puts `context` in front of its message (which case, which route). */
export async function withContext(context: string, assertion: () => void | Promise<void>): Promise<void> {
  try {
    await assertion();
  } catch (failure) {
    prefixMessage(failure, context);
    throw failure;
  }
}
