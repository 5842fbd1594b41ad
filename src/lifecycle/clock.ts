/** Time as the lifecycle sees it; tests inject a virtual clock to check ordering on logical time. */
export interface Clock {
  /** Monotonic milliseconds: durations, timeouts, intervals. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /**
   * Wall-clock time, for what is scheduled by the calendar (@Cron). Optional: a
   * clock without it gets a wall time that advances with `now()`.
   */
  date?(): Date;
}

/**
 * `process.hrtime()`, not `performance.now()`: both read the same monotonic clock
 * (libuv's uv_hrtime, which timers also run on), but the global `performance` is a
 * lazy getter that loads node:perf_hooks and eight internal modules on first use,
 * about 12M instructions: that load fell on the first hook of every start.
 * `now()` is only ever subtracted from another `now()`, so its origin does not matter.
 */
const { hrtime } = process;

export const systemClock: Clock = {
  now: () => {
    const [seconds, nanoseconds] = hrtime();
    return seconds * 1e3 + nanoseconds / 1e6;
  },
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  date: () => new Date(),
};
