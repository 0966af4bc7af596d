import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { every } from './every.js';

/** A run that stays in progress until `finish` is called. */
function pending(): { run: () => Promise<void>; finish: () => void; calls: () => number } {
  let calls = 0;
  let finish = () => {};
  return {
    run: () => {
      calls++;
      return new Promise<void>((resolve) => (finish = resolve));
    },
    finish: () => finish(),
    calls: () => calls,
  };
}

describe('every', () => {
  const logger = { error: jest.fn<(message: unknown) => void>() };

  beforeEach(() => {
    jest.useFakeTimers();
    logger.error.mockClear();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs at each interval until stopped', async () => {
    const run = jest.fn(() => Promise.resolve());
    const stop = every(60, run, logger);
    await jest.advanceTimersByTimeAsync(59_999);
    expect(run).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(run).toHaveBeenCalledTimes(3);
    await stop();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('never starts a run while the one before is still going', async () => {
    const slow = pending();
    const stop = every(10, slow.run, logger);
    await jest.advanceTimersByTimeAsync(55_000);
    expect(slow.calls()).toBe(1);
    slow.finish();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(slow.calls()).toBe(2);
    slow.finish();
    await stop();
  });

  it('logs a failed run and keeps going', async () => {
    let calls = 0;
    const stop = every(
      1,
      () => {
        calls++;
        if (calls === 1) throw new Error('database gone');
        return calls === 2 ? Promise.reject(new Error('still gone')) : Promise.resolve();
      },
      logger,
    );
    await jest.advanceTimersByTimeAsync(3_000);
    expect(calls).toBe(3);
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(String(logger.error.mock.calls[0]![0])).toContain('database gone');
    expect(String(logger.error.mock.calls[1]![0])).toContain('still gone');
    await stop();
  });

  it('is off at 0 seconds', async () => {
    const run = jest.fn(() => Promise.resolve());
    const stop = every(0, run, logger);
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(run).not.toHaveBeenCalled();
    await stop();
  });

  it('stopping waits for the run in progress and starts no other', async () => {
    const slow = pending();
    const stop = every(1, slow.run, logger);
    await jest.advanceTimersByTimeAsync(1_000);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(5_000);
    expect(stopped).toBe(false);
    slow.finish();
    await stopping;
    expect(slow.calls()).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive', async () => {
    jest.useRealTimers();
    const spy = jest.spyOn(globalThis, 'setInterval');
    const stop = every(3_600, () => Promise.resolve(), logger);
    const timer = spy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    spy.mockRestore();
    await stop();
  });
});
