import { jest } from '@jest/globals';

/**
 * Sets the phone's clock to `at` and nothing else: the page's timers, promises and animation frames
 * run as usual, so a page that reads the phone's date is caught without freezing the page. Undo with
 * `jest.useRealTimers()`.
 */
export function setPhoneClock(at: Date): void {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'hrtime',
      'performance',
    ],
  });
  jest.setSystemTime(at);
}
