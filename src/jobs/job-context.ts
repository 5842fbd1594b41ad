import type { Application } from '../application';
import type { Clock } from '../lifecycle/clock';
import type { LifecycleEvent } from '../lifecycle/lifecycle-events';

/** Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What a running job sees of its application: time, the stop signal, events, health, and failing the app. */
export interface JobContext {
  readonly clock: Clock;
  /** Aborted the instant stop begins (the application's shutdownSignal); every job method gets it. */
  readonly signal: AbortSignal;
  /** Wall-clock milliseconds since the epoch, on the application's clock (what @Cron schedules against). */
  wallNow(): number;
  /** Resolves true once `ms` have passed on the clock, or false as soon as stop begins (its timer cleared). */
  sleep(ms: number): Promise<boolean>;
  emit(event: LifecycleEvent): void;
  markDown(key: string, reason: string): void;
  markUp(key: string): void;
  /** Marks a run of `name` as running until the returned function is called (a shutdown timeout names it). */
  track(name: string): () => void;
  /** Stops the application as failed (exit 1 under bootstrap); never awaited, since stop waits for the jobs. */
  fail(error: unknown, reason: string): void;
}

/** The context of all of one application's jobs, with a single abort listener however many jobs sleep. */
export function createJobContext(app: Application): JobContext {
  const { clock } = app;
  const signal = app.shutdownSignal;
  const sleepers = new Set<() => void>();
  signal.addEventListener(
    'abort',
    () => {
      for (const wake of [...sleepers]) wake();
    },
    { once: true },
  );
  // A clock without a wall time gets one that moves with its monotonic time.
  const epochOffset = Date.now() - clock.now();
  const wallNow = clock.date ? () => clock.date!().getTime() : () => epochOffset + clock.now();

  const sleepOnce = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const wake = () => {
        clock.clearTimeout(timer);
        sleepers.delete(wake);
        resolve(false);
      };
      const timer = clock.setTimeout(() => {
        sleepers.delete(wake);
        resolve(true);
      }, ms);
      sleepers.add(wake);
    });

  return {
    clock,
    signal,
    wallNow,
    async sleep(ms) {
      for (let left = ms; ; left -= MAX_TIMER_MS) {
        if (signal.aborted) return false;
        if (left <= MAX_TIMER_MS) return sleepOnce(left);
        if (!(await sleepOnce(MAX_TIMER_MS))) return false;
      }
    },
    emit: (event) => app.emitEvent(event),
    markDown: (key, reason) => app.runtimeHealth.markDown(key, reason),
    markUp: (key) => app.runtimeHealth.markUp(key),
    track: (name) => app.trackRunning(name),
    fail: (error, reason) => void app.fail(error, reason).catch(() => undefined),
  };
}
