import { KeelError } from '../errors';

/** Default drain delay under Kubernetes: endpoints and kube-proxy take a few seconds to stop sending. */
export const KUBERNETES_DRAIN_DELAY = 5000;

/**
 * The drain delay in ms: the `drainDelay` option, else `KEEL_DRAIN_DELAY`, else
 * 5000 when `KUBERNETES_SERVICE_HOST` is set (inside a pod) and 0 otherwise.
 * A bad value throws KeelError INVALID_SETTINGS naming where it came from.
 */
export function resolveDrainDelay(option: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (option !== undefined) {
    if (typeof option !== 'number' || !Number.isFinite(option) || option < 0) throw invalid('drainDelay', String(option));
    return option;
  }
  const raw = env.KEEL_DRAIN_DELAY;
  if (raw !== undefined) {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw invalid('KEEL_DRAIN_DELAY', JSON.stringify(raw));
    return value;
  }
  return env.KUBERNETES_SERVICE_HOST ? KUBERNETES_DRAIN_DELAY : 0;
}

/**
 * How long in-flight requests may run once the listener has closed: the
 * `closeTimeout` option, else what shutdownTimeout leaves after the drain delay
 * and a reserve (a fifth of shutdownTimeout, at most 5 s) for the OnStop hooks
 * that run after the server's. Throws INVALID_SETTINGS when nothing is left.
 */
export function resolveCloseTimeout(option: number | undefined, drainDelay: number, shutdownTimeout: number): number {
  if (option !== undefined) {
    if (typeof option !== 'number' || !Number.isFinite(option) || option <= 0)
      throw invalid('closeTimeout', String(option), 'a number of ms > 0');
    return option;
  }
  const reserve = Math.min(5000, shutdownTimeout / 5);
  const budget = shutdownTimeout - drainDelay - reserve;
  if (budget <= 0) {
    throw new KeelError(
      'INVALID_SETTINGS',
      `drainDelay (${drainDelay} ms) leaves no time for in-flight requests within shutdownTimeout (${shutdownTimeout} ms).`,
      { hint: `raise shutdownTimeout (KEEL_SHUTDOWN_TIMEOUT) above drainDelay + ${reserve} ms, or lower drainDelay (KEEL_DRAIN_DELAY).` },
    );
  }
  return budget;
}

function invalid(where: string, got: string, what = 'a number of ms >= 0'): KeelError {
  return new KeelError('INVALID_SETTINGS', `Invalid HTTP server setting: ${where} must be ${what} (got ${got}).`, {
    hint: `fix ${where}; for example ${where === 'KEEL_DRAIN_DELAY' ? 'KEEL_DRAIN_DELAY=5000' : `${where}: 5000`}.`,
  });
}
