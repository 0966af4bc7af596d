import type { Logger } from '@nestjs/common';

/** Stops the loop: no run starts after it is called; the promise settles when a run in progress has ended. */
export type StopLoop = () => Promise<void>;

/**
 * Runs `run` every `seconds` in the background (0 or less: never). A run never overlaps the one
 * before it: a tick that finds it still going is skipped. A run that fails is logged and the loop
 * goes on. The timer does not keep the process alive.
 */
export function every(seconds: number, run: () => Promise<unknown>, logger: Pick<Logger, 'error'>): StopLoop {
  if (!(seconds > 0)) return () => Promise.resolve();
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = Promise.resolve()
      .then(run)
      .then(
        () => undefined,
        (error: unknown) => logger.error(error instanceof Error ? error.stack : String(error)),
      )
      .finally(() => (running = null));
  }, seconds * 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
