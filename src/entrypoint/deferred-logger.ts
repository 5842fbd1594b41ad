import { LOG_LEVELS } from '../logging/log-levels';
import type { Logger, LogLevel, LogMeta } from '../logging/logger';

/**
 * The default LOGGER as services see it: a thin front that creates the real
 * (winston) logger on the first record at or above `level`. An app that logs
 * nothing, or only below its level, never loads winston; records are never
 * dropped, since the real logger exists before the first one is written (records
 * after close() are dropped, as by every keel logger).
 */
export class DeferredLogger implements Logger {
  private readonly limit: number;
  /** The real logger (or real child) this one forwards to, once created. */
  private view: Logger | undefined;

  constructor(
    private readonly root: { level: LogLevel; create: () => Logger; real?: Logger; closed?: boolean },
    private readonly meta: LogMeta | undefined = undefined,
  ) {
    this.limit = LOG_LEVELS[root.level];
  }

  /** Creates the root logger with the given options-to-logger factory. */
  static create(level: LogLevel, create: () => Logger): DeferredLogger {
    return new DeferredLogger({ level, create });
  }

  error(message: string, meta?: LogMeta): void {
    this.target(0)?.error(message, meta);
  }
  warn(message: string, meta?: LogMeta): void {
    this.target(1)?.warn(message, meta);
  }
  info(message: string, meta?: LogMeta): void {
    this.target(2)?.info(message, meta);
  }
  debug(message: string, meta?: LogMeta): void {
    this.target(3)?.debug(message, meta);
  }

  child(meta: LogMeta): Logger {
    return new DeferredLogger(this.root, { ...this.meta, ...meta });
  }

  flush(): void {
    this.root.real?.flush?.();
  }

  unwritten(): number {
    return this.root.real?.unwritten?.() ?? 0;
  }

  async close(): Promise<void> {
    this.root.closed = true;
    await this.root.real?.close?.();
  }

  private target(level: number): Logger | undefined {
    // After close() nothing is written, and no real logger is created that nobody would close.
    if (level > this.limit || this.root.closed) return undefined;
    if (this.view) return this.view;
    this.root.real ??= this.root.create();
    // Children resolve to a real child once, then forward directly.
    this.view = this.meta ? this.root.real.child(this.meta) : this.root.real;
    return this.view;
  }
}
