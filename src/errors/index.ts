export { KeelError, describeError } from './keel-error';
export type { KeelErrorCode, KeelErrorOptions } from './keel-error';
export {
  MissingProviderError,
  DependencyCycleError,
  ModuleCycleError,
  InvalidProviderError,
  LifecycleHookError,
  StopError,
  ShutdownTimeoutError,
  ApplicationStateError,
} from './errors';
export type {
  CycleErrorOptions,
  InvalidProviderErrorOptions,
  LifecycleHookErrorOptions,
  StartRollback,
  StopErrorOptions,
  ShutdownTimeoutErrorOptions,
} from './errors';
