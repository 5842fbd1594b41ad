import { KeelError, describeError, type KeelErrorOptions } from './keel-error';

// Every subclass takes (summary, options): the one line that says what failed, then
// the cause, path, hint and the subclass's own data. The code is the class's own.

/** A dependency (constructor argument, property, factory input) has no provider. */
export class MissingProviderError extends KeelError {
  constructor(summary: string, options: KeelErrorOptions = {}) {
    super('MISSING_PROVIDER', summary, options);
  }
}

export interface CycleErrorOptions extends KeelErrorOptions {
  /** The names around the loop, the first repeated at the end. */
  cycle: readonly string[];
}

/** Providers depend on each other in a loop; keel never resolves cycles for you. */
export class DependencyCycleError extends KeelError {
  readonly cycle: readonly string[];
  constructor(summary: string, options: CycleErrorOptions) {
    super('DEPENDENCY_CYCLE', summary, {
      hint: 'move the shared part into a third provider; cycles are never resolved automatically.',
      ...options,
    });
    this.cycle = options.cycle;
  }
}

/** Modules import each other in a loop. */
export class ModuleCycleError extends KeelError {
  readonly cycle: readonly string[];
  constructor(summary: string, options: CycleErrorOptions) {
    super('MODULE_CYCLE', summary, { hint: 'move what both modules need into a third module that both import.', ...options });
    this.cycle = options.cycle;
  }
}

export interface InvalidProviderErrorOptions extends KeelErrorOptions {
  /** Default INVALID_PROVIDER. */
  code?: 'INVALID_PROVIDER' | 'INVALID_MODULE' | 'DUPLICATE_PROVIDER' | 'TRANSIENT_LIFECYCLE';
}

/** A module declaration or provider definition is malformed, or a token is provided twice. */
export class InvalidProviderError extends KeelError {
  constructor(summary: string, options: InvalidProviderErrorOptions = {}) {
    super(options.code ?? 'INVALID_PROVIDER', summary, options);
  }
}

/** What a failed start did about the services that had started: LifecycleHookError's `rollback`. */
export interface StartRollback {
  /** How many started services (with OnStop hooks) were stopped. */
  services: number;
  /** The OnStop hooks that ran, `Class.method`, in the order they finished (reverse dependency order). */
  stopped: readonly string[];
  /** What the rollback's own stop failed with (StopError or ShutdownTimeoutError), when it failed. */
  failed: KeelError | undefined;
}

export interface LifecycleHookErrorOptions extends KeelErrorOptions {
  /** `Class.method`. */
  hook: string;
  phase: 'start' | 'stop';
  /** Default HOOK_FAILED. */
  code?: 'HOOK_FAILED' | 'HOOK_TIMEOUT';
  /** For the first OnStart failure of start(): how the started services were stopped. */
  rollback?: StartRollback;
  /** Other hooks in flight that failed after this one, in the order they failed. */
  alsoFailed?: readonly unknown[];
}

/** A hook failed, threw, or timed out; `hook` is `Class.method`. */
export class LifecycleHookError extends KeelError {
  readonly hook: string;
  readonly phase: 'start' | 'stop';
  readonly rollback: StartRollback | undefined;
  readonly alsoFailed: readonly unknown[];

  constructor(summary: string, options: LifecycleHookErrorOptions) {
    const { rollback, alsoFailed = [] } = options;
    const details = [...(options.details ?? [])];
    if (rollback) details.push(describeRollback(rollback));
    if (alsoFailed.length > 0) details.push(`Also failed: ${alsoFailed.map(describeError).join('; ')}`);
    super(options.code ?? 'HOOK_FAILED', summary, { ...options, details });
    this.hook = options.hook;
    this.phase = options.phase;
    this.rollback = rollback;
    this.alsoFailed = alsoFailed;
  }
}

function describeRollback({ services, stopped, failed }: StartRollback): string {
  const hooks = stopped.length > 0 ? ` (${stopped.join(', ')})` : '';
  const failure = failed ? ` The rollback failed too: ${describeError(failed)}` : '';
  return `Stopped ${services} started service(s) in reverse order${hooks}; startup aborted.${failure}`;
}

export interface StopErrorOptions extends KeelErrorOptions {
  /** Every failure, in the order they happened. */
  errors: readonly unknown[];
}

/**
 * One or more OnStop hooks (or shutdownWaitsFor promises) failed; `errors` holds
 * every failure in the order they happened, and `cause` is an AggregateError of them.
 */
export class StopError extends KeelError {
  readonly #errors: readonly unknown[];
  constructor(summary: string, options: StopErrorOptions) {
    super('STOP_FAILED', summary, { cause: aggregate(options.errors, 'OnStop failures'), ...options });
    this.#errors = options.errors;
  }

  // A getter, so logs and util.inspect show the failures once, under `cause`.
  get errors(): readonly unknown[] {
    return this.#errors;
  }
}

export interface ShutdownTimeoutErrorOptions extends KeelErrorOptions {
  /** The hooks and jobs still running when the time ran out, `Class.method`. */
  pending: readonly string[];
  /** The failures that happened before the timeout. */
  errors?: readonly unknown[];
}

/** The whole stop took longer than `shutdownTimeout`; `pending` names the hooks and jobs still running. */
export class ShutdownTimeoutError extends KeelError {
  readonly pending: readonly string[];
  readonly #errors: readonly unknown[];
  constructor(summary: string, options: ShutdownTimeoutErrorOptions) {
    const errors = options.errors ?? [];
    super('SHUTDOWN_TIMEOUT', summary, {
      cause: aggregate(errors, 'OnStop failures before the timeout'),
      ...options,
      hint: options.hint ?? 'make the pending hooks honour app.shutdownSignal, or raise shutdownTimeout.',
    });
    this.pending = options.pending;
    this.#errors = errors;
  }

  /** The OnStop failures before the timeout (also the `cause`, as an AggregateError). */
  get errors(): readonly unknown[] {
    return this.#errors;
  }
}

/** A call that the application's current state does not allow (start twice, get after stop...). */
export class ApplicationStateError extends KeelError {
  constructor(summary: string, options: KeelErrorOptions = {}) {
    super('INVALID_STATE', summary, options);
  }
}

function aggregate(errors: readonly unknown[], message: string): AggregateError | undefined {
  return errors.length > 0 ? new AggregateError(errors, message) : undefined;
}
