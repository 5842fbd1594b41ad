import type { Logger, LogLevel, LogMeta } from '../logging/logger';

/** One record captured by a MemoryLogger; `meta` includes every child's meta. */
export interface MemoryLogRecord {
  level: LogLevel;
  message: string;
  meta: LogMeta;
}

interface MemoryLogState {
  records: MemoryLogRecord[];
  closed: boolean;
}

/**
 * A Logger that keeps records in memory, in the order they were logged, for
 * tests to read. Every level is kept. A child writes into its parent's records
 * with the merged meta. Like any keel logger, it drops records after close().
 */
export class MemoryLogger implements Logger {
  private readonly state: MemoryLogState;
  private readonly meta: LogMeta;

  constructor();
  constructor(parent: MemoryLogger, meta: LogMeta);
  constructor(parent?: MemoryLogger, meta: LogMeta = {}) {
    this.state = parent === undefined ? { records: [], closed: false } : parent.state;
    this.meta = parent === undefined ? { ...meta } : { ...parent.meta, ...meta };
  }

  /** Every record so far, shared with the parent and all children. */
  get records(): readonly MemoryLogRecord[] {
    return this.state.records;
  }

  /** Whether close() has been called on this logger or any logger sharing its records. */
  get closed(): boolean {
    return this.state.closed;
  }

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

  child(meta: LogMeta): MemoryLogger {
    return new MemoryLogger(this, meta);
  }

  /** The messages logged so far, of one level or of all. */
  lines(level?: LogLevel): string[] {
    const records = level === undefined ? this.state.records : this.state.records.filter((record) => record.level === level);
    return records.map((record) => record.message);
  }

  /** Forgets every record (for the parent and all children too). */
  clear(): void {
    this.state.records.length = 0;
  }

  async close(): Promise<void> {
    this.state.closed = true;
  }

  private log(level: LogLevel, message: string, meta: LogMeta | undefined): void {
    if (this.state.closed) return;
    // As the real logger does, an Error passed as meta (from JavaScript) stays whole under `error`.
    const own = meta instanceof Error ? { error: meta } : meta;
    this.state.records.push({ level, message, meta: { ...this.meta, ...own } });
  }
}
