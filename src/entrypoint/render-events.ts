import { describeError } from '../errors';
import { describeEvent, type LifecycleListener } from '../lifecycle/lifecycle-events';
import type { Logger } from '../logging/logger';

/**
 * Turns lifecycle events into log lines on whatever LOGGER is bound: hook and
 * job run timings at debug, hook failures at warn (the error that follows carries
 * the detail), job failures at error with the error and what happens next, skipped
 * job runs at warn, start/stop summaries at info. `logger` is read at the first
 * line, after the app is built, so a replaced LOGGER is honoured.
 */
export function renderEvents(logger: () => Logger, options: { hookTimings: boolean }): LifecycleListener {
  let log: Logger | undefined;
  let root: Logger | undefined;
  return (event) => {
    // Per-hook lines are debug-level: with debug off, do not even format them (thousands per start).
    if (event.type === 'hook:started' || (event.type === 'hook:finished' && !options.hookTimings)) return;
    if (event.type === 'job:started' || (event.type === 'job:finished' && !options.hookTimings)) return;
    const line = describeEvent(event);
    if (line === undefined) return;
    root ??= logger();
    log ??= root.child({ component: 'keel' });
    switch (event.type) {
      case 'hook:finished':
        log.debug(line, { hook: event.hook, phase: event.phase, durationMs: event.durationMs });
        break;
      case 'hook:failed':
        log.warn(`${line}: ${describeError(event.error)}`, { hook: event.hook, phase: event.phase, durationMs: event.durationMs });
        break;
      case 'job:finished':
        log.debug(line, { job: event.job, run: event.run, durationMs: event.durationMs });
        break;
      case 'job:failed':
        // Nothing else reports a job's error: the record carries it whole (stack and cause).
        log.error(line, { job: event.job, run: event.run, durationMs: event.durationMs, next: event.next, error: event.error });
        break;
      case 'job:skipped':
        log.warn(line, { job: event.job, skipped: event.skipped, totalSkipped: event.totalSkipped });
        break;
      case 'app:started':
        log.info(line);
        // Start-up lines (a "ready" line, this summary) go out now, not at the next buffer flush.
        setImmediate(() => root?.flush?.());
        break;
      case 'app:stopped':
        if (event.failures > 0) log.warn(line);
        else log.info(line);
        // An app built with createApplication() may be the last thing a script does: nothing waits in the buffer.
        root.flush?.();
        break;
      default:
        log.info(line);
    }
  };
}
