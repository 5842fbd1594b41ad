export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogMeta = Record<string, unknown>;

/**
 * What keel and its services log through (the LOGGER token). The default is
 * winston-based; an app may bind any object of this shape (a pino adapter, say).
 */
export interface Logger {
  error(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  info(message: string, meta?: LogMeta): void;
  debug(message: string, meta?: LogMeta): void;
  /** A logger that adds `meta` to every record it writes. */
  child(meta: LogMeta): Logger;
  /**
   * Writes out the records buffered so far without closing anything (keel calls
   * it once the application has started, so start-up lines are not held back). Optional.
   */
  flush?(): void;
  /**
   * Writes out every buffered record and releases the outputs. keel calls it
   * once, after the last service has stopped; later records are dropped. Optional.
   */
  close?(): Promise<void>;
  /**
   * How many records were taken but not yet handed to the OS. keel asks after
   * its flush budget at exit ran out, to say on stderr how many were lost. Optional.
   */
  unwritten?(): number;
}
