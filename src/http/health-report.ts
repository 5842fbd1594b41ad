import type { Application } from '../application';
import { tokenName } from '../module/token';
import { getHealthChecks } from './health-check';

export type CheckStatus = 'pass' | 'fail' | 'timeout' | 'skipped';

export interface CheckResult {
  /** `Class.method`. */
  name: string;
  status: CheckStatus;
  durationMs: number;
}

/** The JSON body of /readyz and /healthz. Never carries a check's error text. */
export interface HealthBody {
  status: 'ok' | 'unavailable';
  state: Application['state'];
  draining: boolean;
  services: { name: string; status: string }[];
  checks?: CheckResult[];
  problems?: { key: string; reason: string }[];
}

export interface HealthAnswer {
  statusCode: 200 | 503;
  body: HealthBody;
}

interface BoundCheck {
  name: string;
  timeout: number;
  call: () => unknown;
}

/**
 * Answers the probes from the lifecycle itself. Readiness: 200 only while the
 * application is running, stop has not begun, and every @HealthCheck passes
 * (checks run concurrently, each within its timeout; concurrent probes share
 * one run). Liveness: 200 unless the app failed at run time or something
 * reported itself down in app.runtimeHealth.
 */
export class HealthReporter {
  private running: Promise<CheckResult[]> | undefined;

  constructor(private readonly app: Application) {}

  async readiness(): Promise<HealthAnswer> {
    const checks = findChecks(this.app);
    const draining = this.app.shutdownSignal.aborted;
    const accepting = this.app.state === 'running' && !draining;
    const results = accepting ? await this.runShared(checks) : checks.map(({ name }) => skipped(name));
    // Stop may have begun while the checks ran: readiness follows the newest state.
    const ok = this.app.state === 'running' && !this.app.shutdownSignal.aborted && results.every((r) => r.status === 'pass');
    return { statusCode: ok ? 200 : 503, body: { ...this.base(ok), checks: results } };
  }

  liveness(): HealthAnswer {
    const problems = this.app.runtimeHealth.problems();
    const ok = this.app.failure === undefined && problems.length === 0;
    return { statusCode: ok ? 200 : 503, body: { ...this.base(ok), problems } };
  }

  private base(ok: boolean): HealthBody {
    return {
      status: ok ? 'ok' : 'unavailable',
      state: this.app.state,
      draining: this.app.shutdownSignal.aborted,
      services: this.app.serviceInstances().map(({ name, status }) => ({ name, status })),
    };
  }

  private runShared(checks: readonly BoundCheck[]): Promise<CheckResult[]> {
    this.running ??= Promise.all(checks.map((check) => this.runCheck(check))).finally(() => (this.running = undefined));
    return this.running;
  }

  private runCheck({ name, timeout, call }: BoundCheck): Promise<CheckResult> {
    const { clock } = this.app;
    const begin = clock.now();
    const result = (status: CheckStatus): CheckResult => ({ name, status, durationMs: round(clock.now() - begin) });
    return new Promise<CheckResult>((resolve) => {
      const timer = clock.setTimeout(() => resolve(result('timeout')), timeout);
      const settle = (status: CheckStatus) => {
        clock.clearTimeout(timer);
        resolve(result(status));
      };
      try {
        Promise.resolve(call()).then(
          () => settle('pass'),
          () => settle('fail'),
        );
      } catch {
        settle('fail');
      }
    });
  }
}

/** Every @HealthCheck method of every service instance, each instance once (aliases share one). */
function findChecks(app: Application): BoundCheck[] {
  const seen = new Set<object>();
  const checks: BoundCheck[] = [];
  for (const { instance } of app.serviceInstances()) {
    for (const candidate of Array.isArray(instance) ? instance : [instance]) {
      if (candidate === null || typeof candidate !== 'object' || seen.has(candidate)) continue;
      seen.add(candidate);
      for (const { method, timeout } of getHealthChecks(candidate.constructor)) {
        const fn = (candidate as Record<string | symbol, unknown>)[method];
        if (typeof fn !== 'function') continue;
        checks.push({ name: `${tokenName(candidate.constructor)}.${String(method)}`, timeout, call: () => fn.call(candidate) });
      }
    }
  }
  return checks;
}

function skipped(name: string): CheckResult {
  return { name, status: 'skipped', durationMs: 0 };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
