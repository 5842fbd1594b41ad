import type { Logger, LogLevel, LogMeta } from './logger';
import { serializeError } from './stringify-json';

type PinoLogFn = (obj: object, msg?: string) => void;

/**
 * The part of a pino logger keel uses (pino is not a dependency of keel: any
 * pino 7+ logger, or a child of one, fits).
 */
export interface PinoLike {
  error: PinoLogFn;
  warn: PinoLogFn;
  info: PinoLogFn;
  debug: PinoLogFn;
  child(bindings: Record<string, unknown>): PinoLike;
  flush?(callback?: (error?: Error) => void): void;
}

interface PinoCore {
  closed: boolean;
  closing: Promise<void> | undefined;
}

/**
 * keel's Logger over an existing pino logger: `log.info(message, meta)` becomes
 * pino's `info(meta, message)`, so the meta are fields of the line; children are
 * pino children (their bindings are on every line); Error values in meta are
 * serialized whole (name, message, stack, code, cause). pino's own level decides
 * what is written. flush() asks pino to write what its destination buffers;
 * close() flushes, then ends the destination (a `pino.destination()` sonic-boom
 * or a `pino.transport()` worker; never process.stdout or stderr) and resolves
 * once it finished. close() is idempotent; records after it are dropped.
 */
export function adaptPino(logger: PinoLike): Logger & { close(): Promise<void> } {
  const core: PinoCore = { closed: false, closing: undefined };
  const root = new PinoFacade(logger, core);
  return Object.assign(root, {
    flush: () => logger.flush?.(),
    close: () => (core.closing ??= closePino(logger, core)),
  });
}

class PinoFacade implements Logger {
  constructor(
    private readonly pino: PinoLike,
    private readonly core: PinoCore,
  ) {}

  error(message: string, meta?: LogMeta): void {
    this.log('error', message, meta);
  }

  warn(message: string, meta?: LogMeta): void {
    this.log('warn', message, meta);
  }

  info(message: string, meta?: LogMeta): void {
    this.log('info', message, meta);
  }

  debug(message: string, meta?: LogMeta): void {
    this.log('debug', message, meta);
  }

  child(meta: LogMeta): Logger {
    return new PinoFacade(this.pino.child(toFields(meta)), this.core);
  }

  private log(level: LogLevel, message: string, meta: LogMeta | undefined): void {
    if (this.core.closed) return;
    this.pino[level](meta === undefined ? {} : toFields(meta), message);
  }
}

// `log.error('failed', err)` from JavaScript keeps the error whole under `error`, as keel's own logger does.
function toFields(meta: LogMeta): Record<string, unknown> {
  const fields: Record<string, unknown> = meta instanceof Error ? { error: meta } : { ...meta };
  for (const [key, value] of Object.entries(fields)) if (value instanceof Error) fields[key] = serializeError(value);
  return fields;
}

interface Destination {
  end?: () => void;
  once?: (event: string, listener: () => void) => void;
  destroyed?: boolean;
  closed?: boolean;
}

async function closePino(logger: PinoLike, core: PinoCore): Promise<void> {
  core.closed = true;
  if (logger.flush) {
    const flush = logger.flush.bind(logger);
    // pino calls back with an error when the destination cannot flush (already ended): closing goes on.
    await new Promise<void>((resolve) => flush(() => resolve()));
  }
  const destination = destinationOf(logger);
  if (!destination || destination === process.stdout || destination === process.stderr) return;
  if (typeof destination.end !== 'function' || typeof destination.once !== 'function' || destination.destroyed || destination.closed)
    return;
  const once = destination.once.bind(destination);
  await new Promise<void>((resolve) => {
    // 'close', not 'finish': a transport's worker has exited only then. A Writable emits 'close' after 'finish' by default.
    for (const event of ['close', 'error']) once(event, resolve);
    destination.end!();
  });
}

// pino keeps its destination under Symbol('pino.stream'); pino is not imported, so find the symbol by name.
function destinationOf(logger: PinoLike): Destination | undefined {
  let target: object | null = logger;
  while (target) {
    const key = Object.getOwnPropertySymbols(target).find((symbol) => symbol.description === 'pino.stream');
    if (key) return (target as Record<symbol, Destination | undefined>)[key];
    target = Object.getPrototypeOf(target) as object | null;
  }
  return undefined;
}
