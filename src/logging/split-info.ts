import type { LogMeta } from './logger';
import { stringifyJson } from './stringify-json';
import type { WinstonInfo } from './winston-info';

/** A winston info taken apart for rendering. */
export interface RecordParts {
  level: string;
  message: string;
  timestamp: string | undefined;
  /** Every key but level, message and timestamp, in insertion order; undefined when none. */
  meta: LogMeta | undefined;
  /** Whether some top-level meta value is an Error (text formats print those as stacks). */
  hasErrors: boolean;
}

/**
 * Separates level, message and timestamp from the meta keys. An Error given as
 * the message (a JavaScript caller's `log.error(err)`) becomes the message text
 * and, unless meta already has one, the `error` meta key, so its stack is kept.
 */
export function splitInfo(info: WinstonInfo): RecordParts {
  let meta: LogMeta | undefined;
  let hasErrors = false;
  for (const key in info) {
    if (key === 'level' || key === 'message' || key === 'timestamp') continue;
    const value = info[key];
    if (value instanceof Error) hasErrors = true;
    (meta ??= {})[key] = value;
  }
  let message: string;
  const raw = info.message;
  if (typeof raw === 'string') {
    message = raw;
  } else if (raw instanceof Error) {
    message = raw.message || raw.name;
    if (meta?.['error'] === undefined) {
      (meta ??= {})['error'] = raw;
      hasErrors = true;
    }
  } else {
    message = raw === undefined ? '' : typeof raw === 'object' && raw !== null ? stringifyJson(raw) : String(raw);
  }
  return { level: info.level, message, timestamp: info.timestamp, meta, hasErrors };
}
