import { createRequire } from 'node:module';
import type * as winston from 'winston';
import type WinstonTransport from 'winston-transport';

// winston's index loads every transport it ships (console, file, http, stream) and
// their dependencies: about 18 ms of a cold start that keel's logger never uses.
// keel takes only the pieces it builds on, resolved from winston's own directory so
// they are the very copies winston uses (winston has no "exports" map to forbid it).
const fromWinston = createRequire(require.resolve('winston'));

/** winston.createLogger. */
export const createLogger = fromWinston('./winston/create-logger') as typeof winston.createLogger;
/** winston.format (logform). */
export const format = (fromWinston('logform') as { format: typeof winston.format }).format;
/** winston.Transport (winston-transport): the base class of transports. */
export const Transport = fromWinston('winston-transport') as typeof WinstonTransport;
