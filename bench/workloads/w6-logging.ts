import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FloodSpec, FloodStats } from '../apps/log-flood/main';
import type { FrameworkName } from '../frameworks/framework-adapter';
import { formatCount, formatMs, formatRate, type Stats } from '../stats';
import { atLeast, metricValues, ratiosTo, ratiosToPeer } from './report-helpers';
import { SpawnedApp } from './spawn-app';
import type { CaseResult, ReportRow, Workload } from './workload';

const FLOOD_APP = path.join(__dirname, '..', 'apps', 'log-flood', 'main.js');
/** Must match FLOOD_MESSAGE of the app; imported as a type only so the parent never loads a logger. */
const FLOOD_MESSAGE = '"request handled"';
const BATCH = 100;
const TARGET = 1;
/** Peers shown in the table: plain winston is the base (inversify column), pino sits in the NestJS column. */
const COLUMNS: ReportRow['columns'] = { inversify: 'winston', nest: 'pino' };
const PEERS: readonly FrameworkName[] = ['keel', 'pino', 'winston'];

/**
 * W6 logging: N json lines through LOGGER into a file, each process logging
 * 100 lines per macrotask and then leaving the way its logger is meant to be
 * left (keel: bootstrap + SIGTERM right after the burst, or run(); winston:
 * the process ends by itself; pino: the same, with its exit flush). Lines/s run from the first call to the
 * process's 'exit' event; lines lost are counted in the file after exit.
 * Target: keel >= plain winston's lines/s, 0 lost.
 */
export const w6Logging: Workload = {
  id: 'W6',
  title: 'logging: json lines to a file through LOGGER vs plain winston and pino',
  cases(mode) {
    const lines = mode === 'quick' ? 20_000 : 100_000;
    const runs = mode === 'quick' ? 3 : 5;
    return [
      { key: `${lines / 1000}k stdout>file`, params: { lines, sink: 'stdout', exit: 'signal' }, frameworks: PEERS, runs },
      { key: `${lines / 1000}k file stream`, params: { lines, sink: 'file', exit: 'signal' }, frameworks: PEERS, runs },
      { key: `${lines / 1000}k stdout>file, run()`, params: { lines, sink: 'stdout', exit: 'run' }, frameworks: ['keel'], runs },
    ];
  },
  async measure(params, framework) {
    const lines = Number(params.lines);
    const sink = params.sink as FloodSpec['sink'];
    const dir = mkdtempSync(path.join(tmpdir(), 'keel-bench-w6-'));
    try {
      const spec: FloodSpec = {
        logger: framework === 'keel' ? (params.exit === 'run' ? 'keel-run' : 'keel') : (framework as FloodSpec['logger']),
        sink,
        file: path.join(dir, 'log.jsonl'),
        lines,
        batch: BATCH,
        statsFile: path.join(dir, 'stats.json'),
      };
      // stdout>file: fd 1 of the app is the file, as with `node app.js > file`.
      const fd = sink === 'stdout' ? openSync(spec.file, 'w') : undefined;
      try {
        const app = new SpawnedApp(FLOOD_APP, { args: [JSON.stringify(spec)], stdout: fd ?? 'ignore', env: { KEEL_LOG_FORMAT: 'json' } });
        await app.waitForExit();
        await app.closed;
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
      const stats = JSON.parse(readFileSync(spec.statsFile, 'utf8')) as FloodStats;
      const written = countLines(readFileSync(spec.file, 'utf8'));
      return {
        linesPerSec: (lines / stats.totalMs) * 1000,
        callLinesPerSec: (lines / stats.callMs) * 1000,
        totalMs: stats.totalMs,
        maxDelayMs: stats.maxDelayMs,
        maxDelayWhileLoggingMs: stats.maxDelayWhileLoggingMs,
        p99DelayMs: stats.p99DelayMs,
        lost: lines - written,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  report(results) {
    const rows: ReportRow[] = [];
    // The run() case has keel alone: its ratio is taken to winston on the same sink.
    const winstonOn = (sink: unknown) => results.find((r) => r.case.params.sink === sink && r.stats.winston)?.stats.winston;
    for (const result of results) {
      const key = result.case.key;
      const throughput = metricValues(result, 'linesPerSec');
      const winston = winstonOn(result.case.params.sink)?.['linesPerSec'];
      const ratios = throughput.winston
        ? ratiosToPeer(throughput, 'winston', COLUMNS)
        : winston
          ? ratiosTo(throughput, winston.median)
          : {};
      rows.push({
        case: key,
        metric: 'lines/s (to exit)',
        format: formatRate,
        values: throughput,
        columns: COLUMNS,
        base: throughput.winston ? 'winston' : 'winston, same sink',
        ratios,
        target: atLeast(ratios?.keel, TARGET),
      });
      if (result.case.params.exit !== 'run') {
        const delay = metricValues(result, 'maxDelayMs');
        rows.push({
          case: key,
          metric: 'max event-loop delay ms',
          format: formatMs,
          values: delay,
          columns: COLUMNS,
          base: 'winston',
          ratios: ratiosToPeer(delay, 'winston', COLUMNS),
        });
      }
      rows.push(lostRow(result));
    }
    return {
      rows,
      notes: [
        'peers: plain winston (json format; Console transport for stdout>file, File transport for file stream) is the base, shown in the inversify column; pino (defaults: async sonic-boom on fd 1 / pino.destination(file)) in the NestJS column.',
        `keel: default LOGGER (bootstrap with KEEL_LOG_FORMAT=json) writing to stdout, which the parent opened as the file; "file stream": LOGGER replaced by createWinstonLogger(... destination: fs.createWriteStream(file)) with the default buffer settings. Exit: SIGTERM to itself right after the last batch (the stop flushes, then process.exit), or run() for the last case.`,
        `each process logs ${BATCH} lines per macrotask (the loop gets a turn between batches); lines/s counts from the first call to the 'exit' event, so buffered lines still unwritten count against it. results.json also has the rate of the calls alone (callLinesPerSec) and p99 loop delay.`,
        'lost = lines logged - lines with the message in the file after exit; the target is judged on the worst run.',
      ],
    };
  },
};

function lostRow(result: CaseResult): ReportRow {
  const values = metricValues(result, 'lost');
  const worst = (values.keel as Stats | undefined)?.max;
  return {
    case: result.case.key,
    metric: 'lines lost at exit',
    format: formatCount,
    values,
    columns: COLUMNS,
    target: { text: '0', pass: worst === undefined ? undefined : worst === 0 },
  };
}

/** Complete lines (newline-terminated) that carry the flood message: the records that made it to the file. */
function countLines(text: string): number {
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a line cut short
  return lines.filter((line) => line.includes(FLOOD_MESSAGE)).length;
}
