import type { Logger, LogLevel, LogMeta } from './logger';
import { LEVEL, type WinstonInfo } from './winston-info';

/** What a WinstonFacade and all its children share: the winston logger behind them. */
export interface WinstonCore {
  /** False for levels below the threshold and for every level once closed. */
  isEnabled(level: LogLevel): boolean;
  /** Hands a finished info (meta merged, level and message set) to winston. */
  write(info: WinstonInfo): void;
  /** Writes out the buffered lines now. */
  flush(): void;
  /** Flushes and releases the outputs; called once per core, later calls share the result. */
  close(): Promise<void>;
  /** Records taken but not yet handed to the OS. */
  unwritten(): number;
}

/**
 * keel's Logger over a winston logger. A child adds its meta to every record
 * and shares the parent's core, so closing the root closes every child; only
 * the root has close(). Records for disabled levels, or after close, are
 * dropped without building anything.
 */
export class WinstonFacade implements Logger {
  readonly close?: () => Promise<void>;
  readonly flush?: () => void;
  readonly unwritten?: () => number;

  constructor(
    private readonly core: WinstonCore,
    private readonly meta: LogMeta | undefined,
    options: { root: boolean },
  ) {
    if (options.root) {
      this.close = () => core.close();
      this.flush = () => core.flush();
      this.unwritten = () => core.unwritten();
    }
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

  child(meta: LogMeta): Logger {
    return new WinstonFacade(this.core, { ...this.meta, ...asMeta(meta) }, { root: false });
  }

  private log(level: LogLevel, message: string, meta: LogMeta | undefined): void {
    if (!this.core.isEnabled(level)) return;
    const info: WinstonInfo = Object.assign({}, this.meta, asMeta(meta)) as WinstonInfo;
    info.level = level;
    info.message = message;
    info[LEVEL] = level;
    this.core.write(info);
  }
}

// `log.error('failed', err)` from JavaScript: an Error copied with Object.assign
// would lose its (non-enumerable) message and stack, so keep it whole under `error`.
function asMeta(meta: LogMeta | undefined): LogMeta | undefined {
  return meta instanceof Error ? { error: meta } : meta;
}
