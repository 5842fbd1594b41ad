import { createLogger } from './winston-parts';
import type { LogFormat } from '../entrypoint/entrypoint-settings';
import { BufferedTransport } from './buffered-transport';
import { BufferedWriter } from './buffered-writer';
import { createLineFormat } from './create-line-format';
import { endWinston } from './end-winston';
import { LOG_LEVELS } from './log-levels';
import type { SecretMask } from './secret-mask';
import type { Logger, LogLevel } from './logger';
import { WinstonFacade, type WinstonCore } from './winston-facade';
import { KeelError } from '../errors';

export interface WinstonLoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** 'ISO' (ISO 8601) or a fecha pattern such as 'YYYY-MM-DD HH:mm:ss'. */
  dateFormat: string;
  buffering: boolean;
  /** Records kept before one write. */
  bufferSize: number;
  /** Longest time a record waits in the buffer, ms. */
  flushInterval: number;
  /** Where records go; process.stdout by default. Never ended by close(): its owner ends it. */
  destination?: NodeJS.WritableStream;
  /** Where `error` records go instead, when given (process.stderr, say). */
  errorDestination?: NodeJS.WritableStream;
  /** Secret values to mask in every line (keel passes the application's; values may be added later). */
  secrets?: SecretMask;
}

/**
 * keel's default logger: a winston logger with keel's formats and one buffered
 * transport. Records keep their order per destination. close() flushes, ends
 * winston, waits for every transport's 'finish' and for each destination to
 * take every byte, so `process.exit()` right after loses nothing; it is
 * idempotent, and records logged after it are dropped. Throws a TypeError for
 * an unknown format or a bufferSize/flushInterval that is not a number >= 1 / >= 0.
 */
export function createWinstonLogger(options: WinstonLoggerOptions): Logger & { close(): Promise<void>; unwritten(): number } {
  checkOptions(options);
  const writerOptions = { buffering: options.buffering, bufferSize: options.bufferSize, flushInterval: options.flushInterval };
  const destination = options.destination ?? process.stdout;
  const output = new BufferedWriter({ ...writerOptions, destination });
  const errorDestination = options.errorDestination;
  const errorOutput =
    errorDestination === undefined || errorDestination === destination
      ? undefined
      : new BufferedWriter({ ...writerOptions, destination: errorDestination });
  const transport = new BufferedTransport({ output, errorOutput });
  const logger = createLogger({
    levels: { ...LOG_LEVELS },
    level: options.level,
    format: createLineFormat(options.format, options.dateFormat, options.secrets),
    transports: [transport],
    exitOnError: false,
  });

  const threshold = LOG_LEVELS[options.level];
  let closing: Promise<void> | undefined;
  const core: WinstonCore = {
    isEnabled: (level) => closing === undefined && LOG_LEVELS[level] <= threshold,
    write: (info) => logger.write(info),
    flush: () => transport.flush(),
    unwritten: () => transport.unwritten(),
    close: () =>
      (closing ??= (async () => {
        // Lines already formatted go out now; endWinston then runs the transport's
        // _final, which writes whatever winston still delivered and waits for the
        // destinations' write callbacks before 'finish'.
        transport.flush();
        await endWinston(logger);
        await transport.drain();
      })()),
  };
  return new WinstonFacade(core, undefined, { root: true }) as WinstonFacade & { close(): Promise<void>; unwritten(): number };
}

function checkOptions({ level, bufferSize, flushInterval }: WinstonLoggerOptions): void {
  if (!Object.hasOwn(LOG_LEVELS, level)) {
    throw new KeelError('INVALID_SETTINGS', `Unknown log level "${String(level)}"; expected one of ${Object.keys(LOG_LEVELS).join(', ')}.`);
  }
  if (!Number.isInteger(bufferSize) || bufferSize < 1) {
    throw new KeelError('INVALID_SETTINGS', `Invalid log buffer size ${String(bufferSize)}; expected a whole number of records >= 1.`);
  }
  if (!Number.isFinite(flushInterval) || flushInterval < 0) {
    throw new KeelError('INVALID_SETTINGS', `Invalid log flush interval ${String(flushInterval)}; expected milliseconds >= 0.`);
  }
}
