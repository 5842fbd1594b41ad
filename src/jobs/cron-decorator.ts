import type { Cron as Croner } from 'croner';
import { describeError } from '../errors';
import { checkErrorPolicy, decoratedName, declareJob, invalidJob, type JobErrorPolicy } from './job-definition';

export interface CronOptions {
  /** IANA time zone the expression is read in (`'Europe/Berlin'`). Default: the process's local time zone. */
  timezone?: string;
  /** A failed run is logged and the schedule goes on (`'log'`, default), or it stops the application (`'stop'`, exit 1). */
  onError?: JobErrorPolicy;
}

/**
 * Runs the method at the times of a cron `expression` (croner syntax: 5 fields,
 * or 6 with seconds first; `@hourly`, `@daily`...) while the application is
 * running, with an AbortSignal that aborts when stop begins. A time that comes
 * while a run is still going is skipped and counted. An invalid expression or
 * time zone throws KeelError 'INVALID_JOB' naming `Class.method` and the expression
 * when the class is defined, before anything starts.
 */
export function Cron(expression: string, options: CronOptions = {}): MethodDecorator {
  return (target, method) => {
    const name = decoratedName(target, method);
    parseCron(name, expression, options.timezone);
    declareJob(target, {
      kind: 'cron',
      method,
      expression,
      timezone: options.timezone,
      onError: checkErrorPolicy('cron', name, options.onError),
    });
  };
}

/**
 * A croner instance used only to compute run times (paused, no callback: it never
 * sets a timer of its own). Throws INVALID_JOB naming `name` for a bad expression or time zone.
 */
export function parseCron(name: string, expression: unknown, timezone: string | undefined): Croner {
  if (typeof expression !== 'string') throw invalidJob('cron', name, `the expression must be a string, got ${String(expression)}`);
  try {
    // Loaded with the first @Cron rather than with keel (about 5 ms): most apps have none, and start-up time counts.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- off the cold-start path on purpose
    const { Cron } = require('croner') as typeof import('croner');
    const cron = new Cron(expression, { timezone, paused: true });
    // A bad time zone surfaces only when a time is computed.
    cron.nextRun();
    return cron;
  } catch (error) {
    throw invalidJob(
      'cron',
      name,
      `invalid cron expression "${expression}"${timezone ? ` (timezone ${timezone})` : ''}: ${describeError(error)}`,
      "five fields 'minute hour day month weekday' (or six, seconds first), e.g. '0 3 * * *' for 03:00 every day.",
    );
  }
}
