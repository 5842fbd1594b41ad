import 'reflect-metadata';
import { createWriteStream, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** What W6 asks one process to do; passed as JSON in argv[2]. */
export interface FloodSpec {
  /** keel: bootstrap, log, then SIGTERM to itself; keel-run: run(main); winston and pino: the process ends by itself. */
  logger: 'keel' | 'keel-run' | 'winston' | 'pino';
  /** stdout: the parent made fd 1 the file; file: the logger opens `file` itself as a stream. */
  sink: 'stdout' | 'file';
  file: string;
  lines: number;
  /** Lines per macrotask: the loop gets a turn between batches, as in a server. */
  batch: number;
  /** Where the timings go, written synchronously at the process's 'exit' event. */
  statsFile: string;
}

/** What the parent counts in the file: every flood line carries it, no other line does. */
export const FLOOD_MESSAGE = 'request handled';

export interface FloodStats {
  /** First log call until the last one returned, ms. */
  callMs: number;
  /** First log call until the process's 'exit' event: everything written and the exit path run, ms. */
  totalMs: number;
  /** Longest the event loop was blocked while logging and exiting, ms. */
  maxDelayMs: number;
  /** The same up to the last log call: stalls while logging, without the exit path. */
  maxDelayWhileLoggingMs: number;
  p99DelayMs: number;
}

type LogOne = (i: number) => void;

const meta = (i: number) => ({ i, route: '/hello', status: 200, durationMs: 1.25 });

/**
 * One W6 measurement: `lines` log records in batches through the chosen logger
 * to a file, then the logger's own way out. Timing starts after the logger is
 * built and ends at process 'exit', so every byte (or every byte that will ever
 * arrive) is written; the event-loop delay monitor runs over the same span.
 */
async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as FloodSpec;
  switch (spec.logger) {
    case 'keel':
    case 'keel-run':
      return floodKeel(spec);
    case 'winston':
      return floodWinston(spec);
    case 'pino':
      return floodPino(spec);
  }
}

async function floodKeel(spec: FloodSpec): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- each process loads only the logger it measures
  const keel = require('keel') as typeof import('keel');
  const providers: import('keel').Provider[] = [];
  if (spec.sink === 'file') {
    // LOGGER replaced by keel's own logger on a file stream, with bootstrap's default settings (README's table).
    const logger = keel.createWinstonLogger({
      level: 'info',
      format: 'json',
      dateFormat: 'ISO',
      buffering: true,
      bufferSize: 1024,
      flushInterval: 200,
      destination: createWriteStream(spec.file),
    });
    providers.push({ provide: keel.LOGGER, useValue: logger });
  }
  class FloodModule {}
  keel.Module({ providers })(FloodModule);
  const options = { logFormat: 'json' as const };
  if (spec.logger === 'keel-run') {
    await keel.run(
      async (app) => {
        const log = app.get(keel.LOGGER);
        await flood(spec, (i) => log.info(FLOOD_MESSAGE, meta(i)));
      },
      { ...options, module: FloodModule },
    );
    return; // run() stopped the app and flushed the logs; the process ends by itself.
  }
  const app = await keel.bootstrap(FloodModule, options);
  const log = app.get(keel.LOGGER);
  await flood(spec, (i) => log.info(FLOOD_MESSAGE, meta(i)));
  // The signal arrives right after the burst: keel stops, flushes, exits 0.
  process.kill(process.pid, 'SIGTERM');
}

async function floodWinston(spec: FloodSpec): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- each process loads only the logger it measures
  const winston = require('winston') as typeof import('winston');
  const transport = spec.sink === 'stdout' ? new winston.transports.Console() : new winston.transports.File({ filename: spec.file });
  const logger = winston.createLogger({
    level: 'info',
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [transport],
  });
  // winston's normal end: none. The process ends once the transport has written everything; logger.end()
  // is no option, since with the File transport still backed up it fails with "write after end".
  await flood(spec, (i) => logger.info(FLOOD_MESSAGE, meta(i)));
}

async function floodPino(spec: FloodSpec): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- each process loads only the logger it measures
  const pino = require('pino') as typeof import('pino');
  // pino's defaults: an asynchronous sonic-boom on fd 1 or on the file, flushed by pino at exit.
  const logger = spec.sink === 'stdout' ? pino() : pino(pino.destination({ dest: spec.file }));
  await flood(spec, (i) => logger.info(meta(i), FLOOD_MESSAGE));
}

/** Logs spec.lines records, spec.batch per macrotask; stats are written at process 'exit'. */
async function flood(spec: FloodSpec, logOne: LogOne): Promise<void> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const began = performance.now();
  let callMs = NaN;
  let maxDelayWhileLoggingMs = NaN;
  // Registered after the logger's own exit hooks (pino's final flush), so the time includes them.
  process.once('exit', () => {
    const totalMs = performance.now() - began;
    delay.disable();
    const stats: FloodStats = {
      callMs,
      totalMs,
      maxDelayMs: delay.max / 1e6,
      maxDelayWhileLoggingMs,
      p99DelayMs: delay.percentile(99) / 1e6,
    };
    writeFileSync(spec.statsFile, JSON.stringify(stats));
  });
  delay.enable();
  for (let i = 0; i < spec.lines;) {
    const end = Math.min(spec.lines, i + spec.batch);
    for (; i < end; i++) logOne(i);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  callMs = performance.now() - began;
  maxDelayWhileLoggingMs = delay.max / 1e6;
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
