import type { Application } from '../application';
import type { Logger } from '../logging/logger';
import { keelToken, type InjectionToken } from '../module/token';
import type { SignalSource } from '../signals/signal-source';
import type { ThreadPool } from '../workers/thread-pool';

/** The running Application itself. */
export const APPLICATION: InjectionToken<Application> = keelToken('APPLICATION');
/** The Logger every service and keel itself log through (winston by default). */
export const LOGGER: InjectionToken<Logger> = keelToken('LOGGER');
/** The ThreadPool that runs functions in worker threads. */
export const THREAD_POOL: InjectionToken<ThreadPool> = keelToken('THREAD_POOL');
/** The SignalSource that tells the application to stop (process signals by default). */
export const SIGNALS: InjectionToken<SignalSource> = keelToken('SIGNALS');
/**
 * The validated application configuration: the output of ConfigModule's schema
 * (narrow it with `InferConfig<typeof schema>`), else a frozen copy of the environment.
 */
export const CONFIG: InjectionToken<Readonly<Record<string, unknown>>> = keelToken('CONFIG');
