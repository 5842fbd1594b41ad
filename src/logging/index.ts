export type { Logger, LogLevel, LogMeta } from './logger';
export { LOG_LEVELS } from './log-levels';
export { createWinstonLogger } from './winston-logger';
export type { WinstonLoggerOptions } from './winston-logger';
export { adaptWinston } from './adapt-winston';
export { adaptPino } from './adapt-pino';
export type { PinoLike } from './adapt-pino';
