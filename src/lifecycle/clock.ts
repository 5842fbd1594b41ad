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

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  date: () => new Date(),
};
