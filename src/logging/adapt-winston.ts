import type winston from 'winston';
import { endWinston } from './end-winston';
import type { Logger } from './logger';
import { WinstonFacade, type WinstonCore } from './winston-facade';

/**
 * keel's Logger over a winston logger the application configured itself
 * (`logConfig: false`): its levels, formats and transports are left alone and
 * decide what is written. close() ends that logger and waits for every one of
 * its transports to finish; it is idempotent, and records after it are dropped.
 * For winston's default logger pass `winston.child({})`. An app transport whose
 * log() completes asynchronously may still be finishing a few batched records
 * when 'finish' fires (winston-transport acknowledges batches up front).
 */
export function adaptWinston(logger: winston.Logger): Logger & { close(): Promise<void> } {
  let closing: Promise<void> | undefined;
  const core: WinstonCore = {
    isEnabled: () => closing === undefined,
    write: (info) => logger.log(info as winston.LogEntry),
    // The app's transports own their buffering.
    flush: () => undefined,
    close: () => (closing ??= endWinston(logger)),
    // What an app transport still holds is not visible from here.
    unwritten: () => 0,
  };
  return new WinstonFacade(core, undefined, { root: true }) as WinstonFacade & { close(): Promise<void> };
}
