import { KeelError, type KeelErrorOptions } from './keel-error';

/** A dependency (constructor argument, property, factory input) has no provider. */
export class MissingProviderError extends KeelError {
  constructor(summary: string, options: KeelErrorOptions) {
    super('MISSING_PROVIDER', summary, options);
  }
}

/** Providers depend on each other in a loop; keel never resolves cycles for you. */
export class DependencyCycleError extends KeelError {
  constructor(readonly cycle: readonly string[]) {
    super('DEPENDENCY_CYCLE', `Dependency cycle: ${cycle.join(' -> ')}.`, {
      hint: 'move the shared part into a third provider; cycles are never resolved automatically.',
    });
  }
}

/** Modules import each other in a loop. */
export class ModuleCycleError extends KeelError {
  constructor(readonly cycle: readonly string[]) {
    super('MODULE_CYCLE', `Module import cycle: ${cycle.join(' -> ')}.`, {
      hint: 'move what both modules need into a third module that both import.',
    });
  }
}

/** A module declaration or provider definition is malformed, or a token is provided twice. */
export class InvalidProviderError extends KeelError {}

/** A hook failed, threw, or timed out; `hook` is `Class.method`. */
export class LifecycleHookError extends KeelError {
  constructor(
    readonly hook: string,
    readonly phase: 'start' | 'stop',
    summary: string,
    options: KeelErrorOptions & { code?: 'HOOK_FAILED' | 'HOOK_TIMEOUT' },
  ) {
    super(options.code ?? 'HOOK_FAILED', summary, options);
  }
}

/** One or more OnStop hooks failed; `errors` holds every failure, in the order they happened. */
export class StopError extends AggregateError {
  readonly code = 'STOP_FAILED' as const;
  constructor(errors: readonly unknown[], summary: string) {
    super(errors, summary);
    this.name = 'StopError';
  }
}

/** The whole stop took longer than `shutdownTimeout`; `pending` names the hooks still running. */
export class ShutdownTimeoutError extends KeelError {
  constructor(
    readonly pending: readonly string[],
    timeoutMs: number,
    errors: readonly unknown[],
  ) {
    super(
      'SHUTDOWN_TIMEOUT',
      `Shutdown did not finish within ${timeoutMs} ms; still pending: ${pending.length > 0 ? pending.join(', ') : '(nothing: waiting on shutdownWaitsFor promises)'}.`,
      {
        cause: errors.length > 0 ? new AggregateError(errors, 'OnStop failures before the timeout') : undefined,
        hint: 'make the pending hooks honour app.shutdownSignal, or raise shutdownTimeout.',
      },
    );
  }
}

/** A call that the application's current state does not allow (start twice, get after stop...). */
export class ApplicationStateError extends KeelError {
  constructor(summary: string, hint?: string) {
    super('INVALID_STATE', summary, { hint });
  }
}
