/* eslint-disable @typescript-eslint/no-require-imports -- loaded on call: importing keel must not load winston */
import type * as winston from 'winston';
import type { Logger } from './logger';
import type { WinstonLoggerOptions } from './winston-logger';

/** keel's winston logger (see winston-logger.ts); winston is loaded on the first call. */
export function createWinstonLogger(options: WinstonLoggerOptions): Logger & { close(): Promise<void> } {
  return (require('./winston-logger') as typeof import('./winston-logger')).createWinstonLogger(options);
}

/** Wraps an app-configured winston logger as a keel Logger (see adapt-winston.ts). */
export function adaptWinston(logger: winston.Logger): Logger & { close(): Promise<void> } {
  return (require('./adapt-winston') as typeof import('./adapt-winston')).adaptWinston(logger);
}
