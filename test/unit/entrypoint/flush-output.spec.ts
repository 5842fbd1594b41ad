import { flushOutput } from '../../../src/entrypoint/flush-output';
import type { Logger } from '../../../src/logging/logger';
import { MemoryLogger } from '../../../src/testing/memory-logger';

/** Settles pending promise callbacks and real immediates (fake timers leave setImmediate alone here). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Tracks whether `promise` has settled. */
function watch(promise: Promise<unknown>): { readonly done: boolean } {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
}

describe('flushOutput', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('closes the logger and resolves without waiting for its limit when nothing is queued on stdout or stderr', async () => {
    const logger = new MemoryLogger();
    const flushed = watch(flushOutput(logger, 60_000));
    await settle();
    // The limit timer was never advanced: resolving means the work finished, and the timer is gone.
    expect([logger.closed, flushed.done, jest.getTimerCount()]).toEqual([true, true, 0]);
  });

  it('resolves without a logger', async () => {
    const flushed = watch(flushOutput(undefined, 60_000));
    await settle();
    expect(flushed.done).toBe(true);
  });

  it('gives up at the limit when the logger never finishes closing', async () => {
    const stuck = { close: () => new Promise<void>(() => undefined) } as unknown as Logger;
    const flushed = watch(flushOutput(stuck, 1_000));
    await settle();
    const before = flushed.done;
    jest.advanceTimersByTime(1_000);
    await settle();
    expect([before, flushed.done]).toEqual([false, true]);
  });

  it('reports a logger whose close fails on stderr, and still resolves', async () => {
    const failing = { close: () => Promise.reject(new Error('disk full')) } as unknown as Logger;
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const flushed = watch(flushOutput(failing, 60_000));
      await settle();
      expect([flushed.done, written]).toEqual([true, ['keel: closing the logger failed: Error: disk full\n']]);
    } finally {
      write.mockRestore();
    }
  });
});
