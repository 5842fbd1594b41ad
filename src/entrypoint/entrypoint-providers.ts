import { syncFactory, type Provider } from '../module/provider';
import type { Logger } from '../logging/logger';
import type { SecretMask } from '../logging/secret-mask';
import { ProcessSignals } from '../signals/process-signals';
import { DeferredLogger } from './deferred-logger';
import type { EntrypointSettings } from './entrypoint-settings';
import { SETTINGS } from './entrypoint-settings';
import { LazyThreadPool } from './lazy-thread-pool';
import { CONFIG, LOGGER, SIGNALS, THREAD_POOL } from './tokens';

/**
 * The built-in Entrypoint module's providers: defaults that any app provider or
 * test override of the same token replaces (without a duplicate-provider error).
 * Heavy implementations are required lazily so an app that replaces them never loads them.
 */
export function entrypointProviders(settings: EntrypointSettings, secrets?: SecretMask): Provider[] {
  return [
    { provide: SETTINGS, useValue: settings },
    syncFactory({ provide: LOGGER, useFactory: () => createDefaultLogger(settings, secrets) }),
    syncFactory({ provide: SIGNALS, useFactory: () => new ProcessSignals(settings.catchSignals) }),
    { provide: THREAD_POOL, useClass: LazyThreadPool },
    // Without a ConfigModule, CONFIG is the environment as it was when the app was built.
    syncFactory({ provide: CONFIG, useFactory: () => Object.freeze({ ...process.env }) }),
  ];
}

function createDefaultLogger(settings: EntrypointSettings, secrets: SecretMask | undefined): Logger {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when the default logger is used */
  if (!settings.logConfig) {
    const { adaptWinston } = require('../logging/adapt-winston') as typeof import('../logging/adapt-winston');
    // winston's default logger is not exported; a child shares its transports and configuration.
    const winston = require('winston') as typeof import('winston');
    const logger = adaptWinston(winston.child({}));
    if (secrets === undefined) return logger;
    // keel does not render these lines, so the records are masked on their way in.
    const { maskLogger } = require('../logging/mask-logger') as typeof import('../logging/mask-logger');
    return maskLogger(logger, secrets);
  }
  // winston is loaded with the first record that passes the level, not at build time.
  return DeferredLogger.create(settings.logLevel, () => {
    const { createWinstonLogger } = require('../logging/winston-logger') as typeof import('../logging/winston-logger');
    return createWinstonLogger({
      level: settings.logLevel,
      format: settings.logFormat,
      dateFormat: settings.logDateFormat,
      buffering: settings.logBuffering,
      bufferSize: settings.logBufferSize,
      flushInterval: settings.logFlushInterval,
      secrets,
    });
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
}
