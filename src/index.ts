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
  CheckedProvider,
  CheckedProviders,
} from './module/provider';
export type { Token, InjectionToken } from './module/token';

// Lifecycle
export { OnStart, OnStop } from './lifecycle/hook-decorators';
export type { HookOptions, HookPhase } from './lifecycle/hook-decorators';
export type { ServiceStatus } from './lifecycle/service-node';
export type { ServiceInput } from './lifecycle/add-services';
export { describeEvent } from './lifecycle/lifecycle-events';
export type { LifecycleEvent, LifecycleListener, JobFailureOutcome } from './lifecycle/lifecycle-events';
export type { Clock } from './lifecycle/clock';
export type { ApplicationGraph, GraphNodeInfo } from './lifecycle/describe-graph';
export type { ApplicationTimeline, TimelineEntry, TimelinePhase, TimelineService, HookOutcome } from './lifecycle/timeline';

// Timeline files (what KEEL_TIMELINE writes) and the start plan (what `keel plan` prints); loaded on first call
export { renderTimelineHtml, renderTrace, writeTimelineFiles, timelineFiles, toTimings, planStart } from './cli/timeline-exports';
export type { TimelineHtmlOptions } from './cli/render-timeline-html';
export type { TraceEvent } from './cli/render-trace';
export type { TimelineFiles } from './cli/write-timeline';
export type { TimingsFile, HookTiming } from './cli/timings-file';
export type { StartPlan, PlannedPhase, PlannedWave, PlannedService, PlannedHook } from './cli/start-plan';

// Background work
export { Every, Cron, Background } from './jobs/index';
export type {
  EveryOptions,
  CronOptions,
  BackgroundOptions,
  BackoffOptions,
  IntervalInput,
  JobErrorPolicy,
  JobKind,
  RestartPolicy,
  Duration,
} from './jobs/index';

// Application and entrypoint
export { Application } from './application';
export type { ApplicationState } from './application';
export type { ApplicationOptions } from './application-options';
export { createApplication } from './create-application';
export type { CreateApplicationOptions } from './create-application';
export { bootstrap, run } from './bootstrap';
export type { BootstrapOptions, RunOptions } from './bootstrap';
export { APPLICATION, LOGGER, THREAD_POOL, SIGNALS, CONFIG } from './entrypoint/tokens';
export { createToken } from './module/token';
export type { EntrypointSettings, LogFormat } from './entrypoint/entrypoint-settings';
export type { EntrypointOptions } from './entrypoint/resolve-settings';

// Logging
export { createWinstonLogger, adaptWinston } from './logging/winston-exports';
export type { Logger, LogLevel, LogMeta } from './logging/logger';
export type { WinstonLoggerOptions } from './logging/winston-logger';
export { adaptPino } from './logging/adapt-pino';
export type { PinoLike } from './logging/adapt-pino';

// Signals
export { ProcessSignals } from './signals/process-signals';
export type { SignalSource } from './signals/signal-source';

// Worker threads
export { threaded } from './workers/threaded';
export type { ThreadedOptions } from './workers/threaded';
export type { ThreadPool } from './workers/thread-pool';

// Configuration
export { ConfigModule, configSchema, loadConfig, InvalidConfigError } from './config/index';
export type {
  ConfigModuleOptions,
  InferConfig,
  ConfigSchema,
  ConfigField,
  ConfigFieldRecord,
  FieldPresence,
  ConfigIssue,
  InvalidConfigErrorOptions,
  LoadConfigOptions,
  RangeOptions,
  UrlOptions,
  StandardSchemaV1,
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
export type {
  KeelErrorCode,
  KeelErrorOptions,
  CycleErrorOptions,
  InvalidProviderErrorOptions,
  LifecycleHookErrorOptions,
  StartRollback,
  StopErrorOptions,
  ShutdownTimeoutErrorOptions,
} from './errors';
