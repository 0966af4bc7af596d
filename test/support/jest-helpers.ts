// What the project's tests used from Vitest and Jest lacks, kept here once for every package.
import { describe } from '@jest/globals';

/** A `describe` block that runs only when `condition` holds, and is reported as skipped otherwise. */
export function describeIf(condition: boolean): typeof describe {
  return condition ? describe : describe.skip;
}

export interface EventuallyOptions {
  /** How long to keep trying, in ms, counted from the first attempt. */
  timeout?: number;
  /** The pause between two attempts, in ms. */
  interval?: number;
}

/** Rejects once `ms` have gone by, so an attempt that hangs (a locator waiting for its element) cannot outlast the deadline. */
function deadlineAfter(ms: number): { expired: Promise<never>; clear(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the attempt was still running when the ${ms} ms ran out`)), ms);
  });
  return { expired, clear: () => clearTimeout(timer) };
}

/**
 * Retries an assertion until it passes or `timeout` ms have gone by, and resolves with what it returned:
 * for pages that settle a moment after an action, as Vitest's `expect.poll` did
 * (`await eventually(async () => expect(await text()).toContain('x'))`). When time runs out it throws the
 * last failure, its message prefixed with how long and how often it was tried.
 */
export async function eventually<T>(assertion: () => T | Promise<T>, { timeout = 10_000, interval = 100 }: EventuallyOptions = {}): Promise<T> {
  const started = Date.now();
  const deadline = started + timeout;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const limit = deadlineAfter(Math.max(deadline - Date.now(), 0));
    try {
      return await Promise.race([Promise.resolve().then(assertion), limit.expired]);
    } catch (failure) {
      if (Date.now() + interval >= deadline) {
        if (failure instanceof Error) failure.message = `Still failing after ${Date.now() - started} ms and ${attempts} attempts:\n\n${failure.message}`;
        throw failure;
      }
    } finally {
      limit.clear();
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Runs an assertion and, when it fails, puts `context` in front of its message (which case, which route). */
export async function withContext(context: string, assertion: () => void | Promise<void>): Promise<void> {
  try {
    await assertion();
  } catch (failure) {
    if (failure instanceof Error) failure.message = `${context}\n\n${failure.message}`;
    throw failure;
  }
}
