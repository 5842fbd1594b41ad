import type { Logger, LogLevel, LogMeta } from '../logging/logger';

/** One record captured by a MemoryLogger; `meta` includes every child's meta. */
export interface MemoryLogRecord {
  level: LogLevel;
  message: string;
  meta: LogMeta;
}

/**
 * What MemoryLogger's search helpers match; every given field must match.
 * `text`: a substring of the message, or a RegExp tested against it.
 * `service`: the `service` meta keel's child loggers carry (`Database`).
 * `meta`: keys whose values must be equal (`===`) in the record's meta.
 */
export interface MemoryLogQuery {
  level?: LogLevel | readonly LogLevel[];
  service?: string;
  text?: string | RegExp;
  meta?: LogMeta;
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

  /** The messages logged so far: all, of one level, or of the records matching a query. */
  lines(levelOrQuery?: LogLevel | MemoryLogQuery): string[] {
    const query = typeof levelOrQuery === 'string' ? { level: levelOrQuery } : levelOrQuery;
    return this.filter(query).map((record) => record.message);
  }

  /** The records matching `query` (all of them without one), in the order they were logged. */
  filter(query: MemoryLogQuery = {}): MemoryLogRecord[] {
    return this.state.records.filter(matcher(query));
  }

  /** The first record matching `query`, or undefined. */
  find(query: MemoryLogQuery): MemoryLogRecord | undefined {
    return this.state.records.find(matcher(query));
  }

  /** Whether any record matches `query`. */
  has(query: MemoryLogQuery): boolean {
    return this.state.records.some(matcher(query));
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

// Built once per search; a /g or /y RegExp is copied without those flags, whose lastIndex would make test() skip records.
function matcher({ level, service, text, meta }: MemoryLogQuery): (record: MemoryLogRecord) => boolean {
  const levels = level === undefined ? undefined : typeof level === 'string' ? [level] : level;
  const pattern = text instanceof RegExp ? new RegExp(text.source, text.flags.replace(/[gy]/g, '')) : undefined;
  const metaEntries = meta === undefined ? [] : Object.entries(meta);
  return (record) =>
    (levels === undefined || levels.includes(record.level)) &&
    (service === undefined || record.meta['service'] === service) &&
    (text === undefined || (pattern ? pattern.test(record.message) : record.message.includes(text as string))) &&
    metaEntries.every(([key, value]) => record.meta[key] === value);
}
