export interface HealthCheckOptions {
  /** Milliseconds the check may take; a check still running then counts as failed. Default 1000. */
  timeout?: number;
}

export interface HealthCheckDefinition {
  method: string | symbol;
  timeout: number;
}

export const DEFAULT_HEALTH_CHECK_TIMEOUT = 1000;

const ownChecks = new WeakMap<object, HealthCheckDefinition[]>();

/**
 * Marks a method as a readiness check: `/readyz` answers 200 only while every
 * check of every service resolves within its timeout. A check that throws,
 * rejects or hangs past the timeout fails; its error text is never shown.
 *
 *   @HealthCheck({ timeout: 500 }) async ping() { await this.pool.query('select 1'); }
 */
export function HealthCheck(options: HealthCheckOptions = {}): MethodDecorator {
  const timeout = options.timeout ?? DEFAULT_HEALTH_CHECK_TIMEOUT;
  if (!(Number.isFinite(timeout) && timeout > 0)) {
    throw new TypeError(`@HealthCheck({ timeout }) must be a positive number of ms, got ${String(options.timeout)}`);
  }
  return (target, method) => {
    const list = ownChecks.get(target.constructor) ?? [];
    list.push({ method, timeout });
    ownChecks.set(target.constructor, list);
  };
}

/** Every check of a class and its base classes, base first; a method re-decorated in a subclass is listed once. */
export function getHealthChecks(type: unknown): readonly HealthCheckDefinition[] {
  if (typeof type !== 'function') return [];
  const byMethod = new Map<string | symbol, HealthCheckDefinition>();
  const chain: object[] = [];
  for (let c: object | null = type; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  for (const c of chain) for (const check of ownChecks.get(c) ?? []) byMethod.set(check.method, check);
  return [...byMethod.values()];
}
