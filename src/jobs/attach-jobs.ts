import type { Application } from '../application';
import { describeError } from '../errors';
import { parseCron } from './cron-decorator';
import { checkInterval } from './every-decorator';
import { anyJobsDeclared, getJobs, invalidJob, jobName } from './job-definition';
import { createJobContext, type JobContext } from './job-context';
import { runScheduled } from './run-scheduled';
import type { BoundJob } from './run-job';
import { cronSchedule, everySchedule } from './schedules';
import { superviseBackground } from './supervise-background';

/** A bound job with what its schedule needs, checked at build time. */
type PreparedJob = BoundJob & { start(context: JobContext): Promise<void> };

/**
 * Finds the @Every / @Cron / @Background methods of `app`'s built services and
 * wires them to its lifecycle: nothing runs before 'app:started'; when stop
 * begins no new run starts, running ones see their signal abort, and stop waits
 * for all of them (shutdownWaitsFor) before any OnStop. Interval functions are
 * evaluated here, so a bad value fails the build (INVALID_JOB) before any OnStart.
 * Costs nothing when no job decorator was ever applied.
 */
export function attachJobs(app: Application): void {
  if (!anyJobsDeclared()) return;
  const jobs = prepareJobs(app);
  if (jobs.length === 0) return;
  const context = createJobContext(app);
  let running: Promise<void>[] = [];
  const unsubscribe = app.onEvent(
    (event) => {
      if (event.type !== 'app:started') return;
      unsubscribe();
      // From a fresh microtask, so a first run comes after every listener has seen 'app:started'.
      running = jobs.map((job) => Promise.resolve().then(() => job.start(context)));
    },
    { hooks: false },
  );
  const done = new Promise<void>((resolve) => {
    app.shutdownSignal.addEventListener(
      'abort',
      () => {
        unsubscribe();
        void Promise.allSettled(running).then(() => resolve());
      },
      { once: true },
    );
  });
  void app.shutdownWaitsFor(done);
}

function prepareJobs(app: Application): PreparedJob[] {
  const seen = new Set<object>();
  const prepared: PreparedJob[] = [];
  for (const info of app.serviceInstances()) {
    const instances: unknown[] = Array.isArray(info.instance) ? info.instance : [info.instance];
    for (const instance of instances) {
      // An alias (useExisting) shares its target's instance: its jobs run once.
      if (instance === null || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      for (const definition of getJobs(instance.constructor)) prepared.push(prepareJob(instance, definition));
    }
  }
  return prepared;
}

function prepareJob(instance: object, definition: ReturnType<typeof getJobs>[number]): PreparedJob {
  const name = jobName(instance.constructor, definition.method);
  const method: unknown = (instance as Record<string | symbol, unknown>)[definition.method];
  if (typeof method !== 'function') throw invalidJob(definition.kind, name, `${String(definition.method)} is not a method of the instance`);
  const bound: BoundJob = { name, kind: definition.kind, definition, call: (signal) => method.call(instance, signal) };
  switch (definition.kind) {
    case 'every': {
      const intervalMs = checkInterval(name, evaluateInterval(name, instance, definition.interval));
      const firstDelayMs = definition.firstDelayMs ?? intervalMs;
      return {
        ...bound,
        start: (context) => runScheduled(context, bound, everySchedule(context, intervalMs, firstDelayMs), definition.onError),
      };
    }
    case 'cron': {
      const cron = parseCron(name, definition.expression, definition.timezone);
      return { ...bound, start: (context) => runScheduled(context, bound, cronSchedule(context, cron), definition.onError) };
    }
    case 'background':
      return { ...bound, start: (context) => superviseBackground(context, bound, definition) };
  }
}

function evaluateInterval(name: string, instance: object, interval: unknown): unknown {
  if (typeof interval !== 'function') return interval;
  try {
    return (interval as (self: object) => unknown)(instance);
  } catch (error) {
    throw invalidJob(
      'every',
      name,
      `the interval function threw: ${describeError(error)}`,
      'read the interval from a field the constructor sets (CONFIG is ready by then).',
    );
  }
}
