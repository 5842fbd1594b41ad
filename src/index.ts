import 'reflect-metadata';

// Modules and providers
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

// Lifecycle
export { OnStart, OnStop } from './lifecycle/hook-decorators';
export type { HookOptions } from './lifecycle/hook-decorators';
export { describeEvent } from './lifecycle/lifecycle-events';
export type { LifecycleEvent, LifecycleListener } from './lifecycle/lifecycle-events';
export type { Clock } from './lifecycle/clock';
export type { ApplicationGraph, GraphNodeInfo } from './lifecycle/describe-graph';

// Application and entrypoint
export { Application } from './application';
export type { ApplicationState } from './application';
export type { ApplicationOptions } from './application-options';
export { createApplication } from './create-application';
export type { CreateApplicationOptions } from './create-application';
export { bootstrap, run } from './bootstrap';
export type { BootstrapOptions, RunOptions } from './bootstrap';
export { APPLICATION, LOGGER, THREAD_POOL, SIGNALS, CONFIG } from './entrypoint/tokens';
export { SETTINGS } from './entrypoint/entrypoint-settings';
export type { EntrypointSettings, LogFormat } from './entrypoint/entrypoint-settings';
export { resolveSettings } from './entrypoint/resolve-settings';
export type { EntrypointOptions } from './entrypoint/resolve-settings';

// Logging
export { createWinstonLogger, adaptWinston } from './logging/winston-exports';
export type { Logger, LogLevel, LogMeta } from './logging/logger';
export type { WinstonLoggerOptions } from './logging/winston-logger';

// Signals
export { ProcessSignals } from './signals/process-signals';
export type { SignalSource } from './signals/signal-source';

// Worker threads
export { threaded } from './workers/threaded';
export type { ThreadedOptions } from './workers/threaded';
export type { ThreadPool } from './workers/thread-pool';

// Configuration
export { ConfigModule, configSchema, loadEnv, loadConfig, InvalidConfigError } from './config/index';
export type {
  ConfigModuleOptions,
  InferConfig,
  ConfigSchema,
  ConfigField,
  ConfigIssue,
  LoadEnvOptions,
  LoadEnvResult,
} from './config/index';

// HTTP servers, probes and drain
export { HttpServerModule, HealthCheck } from './http/index';
export type {
  HttpServerModuleClass,
  HttpServer,
  HttpServerModuleOptions,
  HealthEndpointOptions,
  HealthCheckOptions,
  RequestListener,
  FromConfig,
  HealthBody,
  CheckResult,
  CheckStatus,
} from './http/index';

// Errors
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
