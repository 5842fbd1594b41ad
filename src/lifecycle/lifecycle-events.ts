import type { HookPhase } from './hook-decorators';
import { describeError } from '../errors';
import { DECORATOR_NAMES, type JobKind } from '../jobs/job-definition';

/**
 * What follows a failed job run: the schedule goes on (`continue`), a
 * @Background loop restarts after `restartInMs` (`restart`, its `restarts`-th
 * within the window), the application stops (`stop-app`), or the job ends (`end`:
 * `restart: 'never'`, or the failure came while stopping).
 */
export type JobFailureOutcome =
  { next: 'continue' } | { next: 'restart'; restartInMs: number; restarts: number } | { next: 'stop-app' } | { next: 'end' };

/**
 * What the lifecycle reports as it runs. The logger renders these; tests and
 * tools subscribe with `app.onEvent(listener)`. Durations are milliseconds.
 */
export type LifecycleEvent =
  | { type: 'hook:started'; phase: HookPhase; service: string; hook: string }
  | { type: 'hook:finished'; phase: HookPhase; service: string; hook: string; durationMs: number }
  | { type: 'hook:failed'; phase: HookPhase; service: string; hook: string; durationMs: number; error: unknown }
  | { type: 'app:started'; services: number; durationMs: number; criticalPathMs: number }
  | { type: 'app:stopping'; reason: string }
  | { type: 'app:stopped'; durationMs: number; failures: number }
  | { type: 'job:started'; kind: JobKind; job: string; run: number }
  | { type: 'job:finished'; kind: JobKind; job: string; run: number; durationMs: number }
  | ({ type: 'job:failed'; kind: JobKind; job: string; run: number; durationMs: number; error: unknown } & JobFailureOutcome)
  | { type: 'job:skipped'; kind: JobKind; job: string; skipped: number; totalSkipped: number };

export type LifecycleListener = (event: LifecycleEvent) => void;

/** The per-hook and per-run events that a `{ hooks: false }` listener does not get. */
const ROUTINE: ReadonlySet<LifecycleEvent['type']> = new Set(['hook:started', 'hook:finished', 'job:started', 'job:finished']);

/**
 * The listeners of one application. Per-hook events are thousands per start, so
 * the runner asks `wantsHookEvents` before building one; a listener subscribed
 * with `{ hooks: false }` gets only application events and failures (and skipped
 * job runs), not each hook's or job run's start and finish.
 */
export class LifecycleEvents {
  private readonly listeners = new Set<LifecycleListener>();
  private hookListeners = 0;
  /** Read before every hook: a field, not a getter, since a getter is a call per hook in unoptimized code. */
  wantsHookEvents = false;

  on(listener: LifecycleListener, options: { hooks?: boolean } = {}): () => void {
    const hooks = options.hooks !== false;
    const filtered: LifecycleListener = hooks ? listener : (event) => !ROUTINE.has(event.type) && listener(event);
    this.listeners.add(filtered);
    if (hooks) this.wantsHookEvents = ++this.hookListeners > 0;
    return () => {
      if (this.listeners.delete(filtered) && hooks) this.wantsHookEvents = --this.hookListeners > 0;
    };
  }

  emit(event: LifecycleEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break the lifecycle it observes.
      }
    }
  }
}

/** One line for an event, for loggers that want text; `undefined` for events not worth a line. */
export function describeEvent(event: LifecycleEvent): string | undefined {
  switch (event.type) {
    case 'hook:started':
      return undefined;
    case 'hook:finished':
      return `${event.phase === 'start' ? 'OnStart' : 'OnStop'} ${event.hook} finished in ${round(event.durationMs)} ms`;
    case 'hook:failed':
      return `${event.phase === 'start' ? 'OnStart' : 'OnStop'} ${event.hook} failed after ${round(event.durationMs)} ms`;
    case 'app:started':
      return `started ${event.services} services in ${round(event.durationMs)} ms (critical path ${round(event.criticalPathMs)} ms)`;
    case 'app:stopping':
      return `stopping (${event.reason})`;
    case 'app:stopped':
      return event.failures === 0
        ? `stopped in ${round(event.durationMs)} ms`
        : `stopped in ${round(event.durationMs)} ms with ${event.failures} failure(s)`;
    case 'job:started':
      return undefined;
    case 'job:finished':
      return `${DECORATOR_NAMES[event.kind]} ${event.job} finished in ${round(event.durationMs)} ms`;
    case 'job:failed':
      return `${DECORATOR_NAMES[event.kind]} ${event.job} failed after ${round(event.durationMs)} ms: ${describeError(event.error).replace(/\.$/, '')}; ${describeNext(event)}`;
    case 'job:skipped':
      return `${DECORATOR_NAMES[event.kind]} ${event.job} skipped ${event.skipped} run(s) while the previous run was still going (${event.totalSkipped} skipped in all)`;
  }
}

function describeNext(outcome: JobFailureOutcome): string {
  switch (outcome.next) {
    case 'continue':
      return 'the schedule goes on';
    case 'restart':
      return `restart #${outcome.restarts} in ${round(outcome.restartInMs)} ms`;
    case 'stop-app':
      return 'stopping the application';
    case 'end':
      return 'not restarted';
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
