import type { LogLevel } from '../logging/logger';
import { keelToken } from '../module/token';

export type LogFormat = 'json' | 'color' | 'plain' | 'simple' | 'logfmt';

/**
 * Every entrypoint option after option > KEEL_* environment > default has been
 * applied and validated (see DESIGN.md's table).
 */
export interface EntrypointSettings {
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** 'ISO' or a fecha/winston timestamp pattern such as 'YYYY-MM-DD HH:mm:ss'. */
  logDateFormat: string;
  /** false: keel leaves winston alone and logs through winston's default logger. */
  logConfig: boolean;
  logBuffering: boolean;
  /** Records kept before a write. */
  logBufferSize: number;
  /** Longest time a record waits in the buffer, ms. */
  logFlushInterval: number;
  poolSize: number;
  catchSignals: readonly string[];
  startTimeout: number;
  shutdownTimeout: number;
  stopOnUnhandledErrors: boolean;
  envFile: string;
}

/** @internal The resolved EntrypointSettings (keel's own providers read it; not public API). */
export const SETTINGS = keelToken<EntrypointSettings>('SETTINGS');
