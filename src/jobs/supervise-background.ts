import { KeelError, describeError } from '../errors';
import type { BackgroundJob, ResolvedBackoff } from './job-definition';
import type { JobContext } from './job-context';
import { runJob, type BoundJob } from './run-job';

/**
 * Runs a @Background method and keeps it running until stop begins, like an
 * Erlang/OTP supervisor with one child. A throw, or a return while the application
 * runs, is a failure; by `definition.restart`: restart after an exponential
 * backoff (the loop reported down to liveness meanwhile), stay down, or stop the
 * application. The (maxRestarts+1)-th restart needed within `windowMs` stops the
 * application as failed instead, naming the method and its last error. Never rejects.
 */
export async function superviseBackground(
  context: JobContext,
  job: BoundJob,
  definition: BackgroundJob,
  random = Math.random,
): Promise<void> {
  const { signal, clock } = context;
  const base = { kind: job.kind, job: job.name };
  const restarts: number[] = [];
  for (let run = 1; !signal.aborted; run++) {
    const outcome = await runJob(context, job, run);
    if (signal.aborted) {
      // Ending because stop began is the orderly way out, whether by returning or by an abort error.
      if (outcome.status === 'threw')
        context.emit({ type: 'job:failed', ...base, run, durationMs: outcome.durationMs, error: outcome.error, next: 'end' });
      else context.emit({ type: 'job:finished', ...base, run, durationMs: outcome.durationMs });
      return;
    }
    const error = outcome.status === 'threw' ? outcome.error : returnedEarly(job.name);
    const failed = { type: 'job:failed' as const, ...base, run, durationMs: outcome.durationMs, error };
    if (definition.restart === 'never') {
      context.emit({ ...failed, next: 'end' });
      return;
    }
    if (definition.restart === 'stop') {
      context.emit({ ...failed, next: 'stop-app' });
      const summary = `@Background ${job.name} failed (restart: 'stop'): ${describeError(error)}`;
      context.fail(new KeelError('JOB_FAILED', summary, { cause: error }), summary);
      return;
    }
    const now = clock.now();
    while (restarts.length > 0 && now - restarts[0]! >= definition.windowMs) restarts.shift();
    if (restarts.length >= definition.maxRestarts) {
      context.emit({ ...failed, next: 'stop-app' });
      const summary = `@Background ${job.name} needed more than ${definition.maxRestarts} restart(s) within ${definition.windowMs} ms; last error: ${describeError(error)}`;
      context.fail(
        new KeelError('JOB_FAILED', summary, {
          cause: error,
          hint: 'fix the cause, or raise maxRestarts / window if such failures are expected.',
        }),
        summary,
      );
      return;
    }
    // The wait grows with the restarts still inside the window, so a loop stable for a window starts over at `initial`.
    const delay = backoffDelay(definition.backoff, restarts.length, random);
    restarts.push(now);
    context.emit({ ...failed, next: 'restart', restartInMs: delay, restarts: restarts.length });
    context.markDown(job.name, 'restarting');
    const waited = await context.sleep(delay);
    context.markUp(job.name);
    if (!waited) return;
  }
}

/** The wait before restart number `attempt` + 1: `initial * factor^attempt`, at most `max`, minus up to `jitter` of it at random. */
export function backoffDelay(backoff: ResolvedBackoff, attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** attempt);
  return Math.round(nominal * (1 - backoff.jitter * random()));
}

function returnedEarly(name: string): KeelError {
  return new KeelError('JOB_FAILED', `@Background ${name} returned while the application was running.`, {
    hint: 'a @Background method should run until its signal aborts; for periodic work use @Every.',
  });
}
