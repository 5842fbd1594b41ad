import { KeelError, describeError } from '../errors';
import { DECORATOR_NAMES, type JobErrorPolicy } from './job-definition';
import type { JobContext } from './job-context';
import { runJob, type BoundJob } from './run-job';
import type { Schedule } from './schedules';

/**
 * Runs an @Every / @Cron job at the times of `schedule` until stop begins. One run
 * at a time: times passed while a run is going are skipped and reported
 * (job:skipped). A failed run is reported and the schedule goes on, unless
 * `onError` is 'stop': then the application is stopped as failed. Never rejects.
 */
export async function runScheduled(context: JobContext, job: BoundJob, schedule: Schedule, onError: JobErrorPolicy): Promise<void> {
  const { signal } = context;
  const base = { kind: job.kind, job: job.name };
  let totalSkipped = 0;
  let due = schedule.first();
  for (let run = 1; due !== undefined; run++) {
    // Re-measured after each wake-up: a wall clock may lag the timer, or a long wait is taken in steps.
    for (let wait = due - schedule.now(); wait > 0; wait = due - schedule.now()) if (!(await context.sleep(wait))) return;
    if (signal.aborted) return;
    const outcome = await runJob(context, job, run);
    if (outcome.status !== 'threw') {
      context.emit({ type: 'job:finished', ...base, run, durationMs: outcome.durationMs });
    } else if (signal.aborted) {
      context.emit({ type: 'job:failed', ...base, run, durationMs: outcome.durationMs, error: outcome.error, next: 'end' });
    } else if (onError === 'stop') {
      context.emit({ type: 'job:failed', ...base, run, durationMs: outcome.durationMs, error: outcome.error, next: 'stop-app' });
      const summary = `${DECORATOR_NAMES[job.kind]} ${job.name} failed (onError: 'stop'): ${describeError(outcome.error)}`;
      context.fail(new KeelError('JOB_FAILED', summary, { cause: outcome.error }), summary);
      return;
    } else {
      context.emit({ type: 'job:failed', ...base, run, durationMs: outcome.durationMs, error: outcome.error, next: 'continue' });
    }
    if (signal.aborted) return;
    const { next, skipped } = schedule.after(due, schedule.now());
    if (skipped > 0) {
      totalSkipped += skipped;
      context.emit({ type: 'job:skipped', ...base, skipped, totalSkipped });
    }
    due = next;
  }
}
