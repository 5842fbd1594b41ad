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
 * `process.uptime()`, not `performance.now()`: both come from libuv's uv_hrtime (the
 * monotonic clock, nanoseconds), but the global `performance` is a lazy getter that
 * loads node:perf_hooks and eight internal modules on first use, about 12M
 * instructions that fell on the first hook of every start; and `uptime()` is one
 * native call returning a number, where `hrtime()` is a JS wrapper building an array
 * (2.8k instructions a read against 1.2k, and the lifecycle reads it per hook).
 * Seconds as a double keep sub-microsecond resolution for years of uptime. `now()` is
 * only ever subtracted from another `now()`, so its origin does not matter.
 */
const { uptime } = process;

export const systemClock: Clock = {
  now: () => uptime() * 1e3,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  date: () => new Date(),
};
