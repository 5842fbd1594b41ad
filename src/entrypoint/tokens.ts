import type { Application } from '../application';
import type { Logger } from '../logging/logger';
import { keelToken } from '../module/token';
import type { SignalSource } from '../signals/signal-source';
import type { ThreadPool } from '../workers/thread-pool';

/** The running Application itself. */
export const APPLICATION = keelToken<Application>('APPLICATION');
/** The Logger every service and keel itself log through (winston by default). */
export const LOGGER = keelToken<Logger>('LOGGER');
/** The ThreadPool that runs functions in worker threads. */
export const THREAD_POOL = keelToken<ThreadPool>('THREAD_POOL');
/** The SignalSource that tells the application to stop (process signals by default). */
export const SIGNALS = keelToken<SignalSource>('SIGNALS');
/**
 * The validated application configuration: the output of ConfigModule's schema
 * (narrow it with `InferConfig<typeof schema>`), else a frozen copy of the environment.
 */
export const CONFIG = keelToken<Readonly<Record<string, unknown>>>('CONFIG');
