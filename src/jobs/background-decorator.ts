import { decoratedName, declareJob, invalidJob, type JobKind, type ResolvedBackoff, type RestartPolicy } from './job-definition';
import { parseDuration, type Duration } from './parse-duration';

export interface BackoffOptions {
  /** Wait before the first restart, in ms. Default 100. */
  initial?: Duration;
  /** The longest wait between restarts, in ms. Default 30000. */
  max?: Duration;
  /** Each restart within the window waits this many times longer than the one before. Default 2. */
  factor?: number;
  /** Up to this fraction of each wait is taken off at random, so loops failing together do not restart together. Default 0.2. */
  jitter?: number;
}

export interface BackgroundOptions {
  /** `'on-failure'` (default): restart with backoff; `'never'`: log and stay down; `'stop'`: stop the application (exit 1). */
  restart?: RestartPolicy;
  backoff?: BackoffOptions;
  /** More restarts than this within `window` stop the application (Erlang/OTP's restart intensity). Default 5. */
  maxRestarts?: number;
  /** The window for maxRestarts, in ms. Default 60000. */
  window?: Duration;
}

export const BACKGROUND_DEFAULTS = { initialMs: 100, maxMs: 30_000, factor: 2, jitter: 0.2, maxRestarts: 5, windowMs: 60_000 } as const;

/**
 * Runs the method, `async method(signal: AbortSignal)`, once the application is
 * running, as a supervised loop: it should run until `signal` aborts (stop began),
 * and stop awaits it before any OnStop. A throw, or a return while the
 * application is still running, is a failure: logged, and by default restarted
 * with exponential backoff; more than `maxRestarts` within `window` stops the
 * application (state 'failed', exit 1) naming the method and its last error.
 * While it waits to restart, the loop is reported down to liveness (/healthz).
 */
export function Background(options: BackgroundOptions = {}): MethodDecorator {
  return (target, method) => {
    const name = decoratedName(target, method);
    const restart = options.restart ?? 'on-failure';
    if (restart !== 'on-failure' && restart !== 'never' && restart !== 'stop') {
      throw invalidJob('background', name, `restart ${JSON.stringify(restart)} is not 'on-failure', 'never' or 'stop'`);
    }
    const backoff = resolveBackoff(name, options.backoff ?? {});
    const maxRestarts = options.maxRestarts ?? BACKGROUND_DEFAULTS.maxRestarts;
    if (!Number.isInteger(maxRestarts) || maxRestarts < 0) {
      throw invalidJob('background', name, `maxRestarts ${String(maxRestarts)} is not a whole number >= 0`);
    }
    const windowMs = positive('background', name, 'window', options.window, BACKGROUND_DEFAULTS.windowMs);
    declareJob(target, { kind: 'background', method, restart, backoff, maxRestarts, windowMs });
  };
}

function resolveBackoff(name: string, options: BackoffOptions): ResolvedBackoff {
  const initialMs = positive('background', name, 'backoff.initial', options.initial, BACKGROUND_DEFAULTS.initialMs);
  const maxMs = positive('background', name, 'backoff.max', options.max, Math.max(BACKGROUND_DEFAULTS.maxMs, initialMs));
  if (maxMs < initialMs) throw invalidJob('background', name, `backoff.max (${maxMs} ms) is less than backoff.initial (${initialMs} ms)`);
  const factor = options.factor ?? BACKGROUND_DEFAULTS.factor;
  if (!(Number.isFinite(factor) && factor >= 1))
    throw invalidJob('background', name, `backoff.factor ${String(factor)} is not a number >= 1`);
  const jitter = options.jitter ?? BACKGROUND_DEFAULTS.jitter;
  if (!(Number.isFinite(jitter) && jitter >= 0 && jitter <= 1))
    throw invalidJob('background', name, `backoff.jitter ${String(jitter)} is not between 0 and 1`);
  return { initialMs, maxMs, factor, jitter };
}

function positive(kind: JobKind, name: string, what: string, value: Duration | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw invalidJob(kind, name, `${what} ${JSON.stringify(value)} is not a positive duration`);
  return ms;
}
