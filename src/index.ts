import 'reflect-metadata';

export { Module } from './module/module-decorator';
export type { ModuleClass, ModuleMetadata } from './module/module-decorator';
export type {
  Provider,
  ClassProvider,
  ValueProvider,
  FactoryProvider,
  ExistingProvider,
  FactoryInput,
  ProviderScope,
} from './module/provider';
export type { Token } from './module/token';
export { OnStart, OnStop } from './lifecycle/hook-decorators';
export type { HookOptions } from './lifecycle/hook-decorators';
export type { LifecycleEvent, LifecycleListener } from './lifecycle/lifecycle-events';
export { describeEvent } from './lifecycle/lifecycle-events';
export type { Clock } from './lifecycle/clock';
export type { ApplicationGraph, GraphNodeInfo } from './lifecycle/describe-graph';
export { Application } from './application';
export type { ApplicationState } from './application';
export type { ApplicationOptions } from './application-options';
export { createApplication } from './create-application';
export { APPLICATION, LOGGER, THREAD_POOL, SIGNALS, CONFIG } from './entrypoint/tokens';
export {
  KeelError,
  MissingProviderError,
  DependencyCycleError,
  ModuleCycleError,
  InvalidProviderError,
  LifecycleHookError,
  StopError,
  ShutdownTimeoutError,
  ApplicationStateError,
} from './errors';
export type { KeelErrorCode } from './errors';
