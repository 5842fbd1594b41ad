import { checkErrorPolicy, decoratedName, declareJob, invalidJob, type IntervalInput, type JobErrorPolicy } from './job-definition';
import { parseDuration, type Duration } from './parse-duration';

export interface EveryOptions {
  /** Time from the application running to the first run (aiomisc's `delay`). Default: one interval. */
  delay?: Duration;
  /** Run once at once when the application is running, then every interval. Same as `delay: 0`. */
  runOnStart?: boolean;
  /** A failed run is logged and the schedule goes on (`'log'`, default), or it stops the application (`'stop'`, exit 1). */
  onError?: JobErrorPolicy;
}

/**
 * Runs the method every `interval` (ms, `'5s'`, or `(self) => self.config.CLEANUP_MS`,
 * read once the services are built) while the application is running, with an
 * AbortSignal that aborts when stop begins. Runs never overlap: a tick that comes
 * while a run is still going is skipped and counted. Stop waits for the running
 * call before any OnStop. Bad values throw KeelError 'INVALID_JOB' naming `Class.method`.
 */
export function Every(interval: IntervalInput, options: EveryOptions = {}): MethodDecorator {
  return (target, method) => {
    const name = decoratedName(target, method);
    if (typeof interval !== 'function') checkInterval(name, interval);
    if (options.runOnStart && options.delay !== undefined) {
      throw invalidJob('every', name, 'runOnStart and delay both set the first run', 'keep one of them (runOnStart is delay: 0).');
    }
    let firstDelayMs = options.runOnStart ? 0 : undefined;
    if (options.delay !== undefined) {
      firstDelayMs = parseDuration(options.delay);
      if (firstDelayMs === undefined)
        throw invalidJob('every', name, `delay ${JSON.stringify(options.delay)} is not a duration`, DURATION_HINT);
    }
    declareJob(target, { kind: 'every', method, interval, firstDelayMs, onError: checkErrorPolicy('every', name, options.onError) });
  };
}

const DURATION_HINT = "use milliseconds or a string such as '500ms', '5s', '1m', '1h'.";

/** The interval in ms; throws INVALID_JOB naming `name` when it is not a positive duration. */
export function checkInterval(name: string, interval: unknown): number {
  const ms = parseDuration(interval);
  if (ms === undefined || ms <= 0)
    throw invalidJob('every', name, `interval ${JSON.stringify(interval) ?? String(interval)} is not a positive duration`, DURATION_HINT);
  return ms;
}
