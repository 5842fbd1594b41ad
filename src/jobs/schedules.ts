import type { Cron as Croner } from 'croner';
import type { JobContext } from './job-context';

/**
 * When a periodic job runs, on its own time line: the clock's monotonic time for
 * @Every, wall-clock time for @Cron. Times are milliseconds on that line.
 */
export interface Schedule {
  now(): number;
  /** The first run time, or undefined when there is none. */
  first(): number | undefined;
  /** The first run time after `due` that is not before `end` (when the last run ended), and how many were passed over. */
  after(due: number, end: number): { next: number | undefined; skipped: number };
}

/** A fixed grid: the first run `firstDelayMs` after now, then every `intervalMs` from it (aiomisc's PeriodicService). */
export function everySchedule(context: JobContext, intervalMs: number, firstDelayMs: number): Schedule {
  const start = context.clock.now();
  return {
    now: () => context.clock.now(),
    first: () => start + firstDelayMs,
    after(due, end) {
      // Grid points strictly between the run's start and its end were missed; one exactly at the end still runs.
      const skipped = end > due ? Math.ceil((end - due) / intervalMs) - 1 : 0;
      return { next: due + (skipped + 1) * intervalMs, skipped };
    },
  };
}

/** A runaway wall clock must not turn counting skipped cron times into a long loop. */
const MAX_COUNTED_SKIPS = 100_000;

/** The times of a cron expression, computed by croner in its time zone from the application clock's wall time. */
export function cronSchedule(context: JobContext, cron: Croner): Schedule {
  const nextAfter = (time: number) => cron.nextRun(new Date(time))?.getTime();
  return {
    now: () => context.wallNow(),
    first: () => nextAfter(context.wallNow()),
    after(due, end) {
      let next = nextAfter(due);
      let skipped = 0;
      while (next !== undefined && next < end) {
        skipped++;
        next = skipped < MAX_COUNTED_SKIPS ? nextAfter(next) : nextAfter(end - 1);
      }
      return { next, skipped };
    },
  };
}
