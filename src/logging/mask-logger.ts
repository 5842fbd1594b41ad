import type { Logger, LogLevel, LogMeta } from './logger';
import type { SecretMask } from './secret-mask';

const LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
const MAX_DEPTH = 16;

/**
 * A Logger that masks secret values before handing a record to `logger`, for
 * loggers keel does not render itself (winston's default logger under
 * `logConfig: false`): the message, and a copy of the meta with every string
 * masked, errors included (message, stack, cause, own fields). While no secret
 * is known, records pass through untouched and uncopied.
 */
export function maskLogger(logger: Logger, secrets: SecretMask): Logger {
  const masked = {} as Logger;
  for (const level of LEVELS) {
    masked[level] = (message: string, meta?: LogMeta) => {
      if (secrets.size === 0) logger[level](message, meta);
      else logger[level](secrets.mask(String(message)), maskValue(meta, secrets, new WeakMap(), 0) as LogMeta | undefined);
    };
  }
  masked.child = (meta) => maskLogger(logger.child(maskValue(meta, secrets, new WeakMap(), 0) as LogMeta), secrets);
  if (logger.flush) masked.flush = () => logger.flush!();
  if (logger.close) masked.close = () => logger.close!();
  if (logger.unwritten) masked.unwritten = () => logger.unwritten!();
  return masked;
}

function maskValue(value: unknown, secrets: SecretMask, seen: WeakMap<object, unknown>, depth: number): unknown {
  if (typeof value === 'string') return secrets.mask(value);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  const inner = (child: unknown) => maskValue(child, secrets, seen, depth + 1);
  if (value instanceof Error) {
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Error;
    seen.set(value, copy);
    for (const key of Object.keys(value))
      (copy as unknown as Record<string, unknown>)[key] = inner((value as unknown as Record<string, unknown>)[key]);
    // message, stack and cause are own but not enumerable: keep them so, as on the original.
    Object.defineProperty(copy, 'message', { value: inner(value.message), writable: true, configurable: true });
    Object.defineProperty(copy, 'stack', { value: inner(value.stack), writable: true, configurable: true });
    if (value.cause !== undefined) Object.defineProperty(copy, 'cause', { value: inner(value.cause), writable: true, configurable: true });
    return copy;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(inner(item));
    return copy;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const key of Object.keys(value)) copy[key] = inner((value as Record<string, unknown>)[key]);
  return copy;
}
