import type { JobDefinition, JobKind } from './job-definition';
import type { JobContext } from './job-context';

/** A job found on a service instance, ready to call. */
export interface BoundJob {
  /** `Class.method`. */
  name: string;
  kind: JobKind;
  definition: JobDefinition;
  call(signal: AbortSignal): unknown;
}

export type RunOutcome =
  | { status: 'returned'; durationMs: number }
  /** It threw because stop aborted it (the signal's reason, or an AbortError): an orderly end, not a failure. */
  | { status: 'aborted'; durationMs: number }
  | { status: 'threw'; durationMs: number; error: unknown };

/** One run of `job`: reports job:started, awaits the call (sync or async), and says how it ended. Never rejects. */
export async function runJob(context: JobContext, job: BoundJob, run: number): Promise<RunOutcome> {
  const { clock, signal } = context;
  context.emit({ type: 'job:started', kind: job.kind, job: job.name, run });
  const begin = clock.now();
  const done = context.track(job.name);
  try {
    await job.call(signal);
    return { status: 'returned', durationMs: clock.now() - begin };
  } catch (error) {
    const durationMs = clock.now() - begin;
    if (signal.aborted && (error === signal.reason || (error instanceof Error && error.name === 'AbortError')))
      return { status: 'aborted', durationMs };
    return { status: 'threw', durationMs, error };
  } finally {
    done();
  }
}
