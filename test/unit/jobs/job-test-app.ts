import 'reflect-metadata';
import type { Application } from '../../../src/application';
import type { CreateApplicationOptions } from '../../../src/create-application';
import type { LifecycleEvent } from '../../../src/lifecycle/lifecycle-events';
import { Module, type ModuleClass } from '../../../src/module/module-decorator';
import type { Provider } from '../../../src/module/provider';
import { createTestingApp } from '../../../src/testing/create-testing-app';
import { FakeClock } from '../../../src/testing/fake-clock';
import type { MemoryLogger } from '../../../src/testing/memory-logger';

export interface JobTestApp {
  app: Application;
  clock: FakeClock;
  logger: MemoryLogger;
  /** Every job event so far, as `type job run` (plus `next` for failures, counts for skips). */
  jobEvents: string[];
  /** Resolves after `ms` of fake time (for job bodies that take time). */
  sleep(ms: number): Promise<void>;
}

/** A module of `providers`, built on a FakeClock with a MemoryLogger and job events recorded; nothing started. */
export async function buildJobApp(
  providers: readonly Provider[],
  options: CreateApplicationOptions & { clock?: FakeClock; imports?: ModuleClass[] } = {},
): Promise<JobTestApp> {
  @Module({ imports: options.imports ?? [], providers: [...providers] })
  class JobsModule {}
  const clock = options.clock ?? new FakeClock();
  const jobEvents: string[] = [];
  const testing = createTestingApp(JobsModule, { ...options, clock, onEvent: (event) => record(jobEvents, event) });
  const app = await testing.compile();
  return { app, clock, logger: testing.logger, jobEvents, sleep: (ms) => new Promise((resolve) => clock.setTimeout(resolve, ms)) };
}

function record(events: string[], event: LifecycleEvent): void {
  switch (event.type) {
    case 'job:started':
    case 'job:finished':
      events.push(`${event.type} ${event.job} #${event.run}`);
      break;
    case 'job:failed':
      events.push(`${event.type} ${event.job} #${event.run} -> ${event.next}${event.next === 'restart' ? ` in ${event.restartInMs}` : ''}`);
      break;
    case 'job:skipped':
      events.push(`${event.type} ${event.job} ${event.skipped} (${event.totalSkipped})`);
      break;
  }
}

/** Resolves after `ms` on `clock`, or at once when `signal` aborts (its timer cleared), so a test leaves no timers. */
export function sleepUnlessAborted(clock: FakeClock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clock.clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
