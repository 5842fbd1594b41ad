import type { LogLevel } from './logger';

/**
 * keel's levels in winston's numbering (lower is more severe). A record is
 * written when its number is at most the configured level's number.
 */
export const LOG_LEVELS: Readonly<Record<LogLevel, number>> = Object.freeze({ error: 0, warn: 1, info: 2, debug: 3 });
