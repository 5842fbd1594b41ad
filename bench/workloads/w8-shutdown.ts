import { get } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatMs } from '../stats';
import { HELLO_ENV, HELLO_INVERSIFY, HELLO_KEEL, READY_LINE } from './hello-apps';
import { metricValues, ratiosToInversify, sleep, valueTarget } from './report-helpers';
import { SpawnedApp } from './spawn-app';
import type { ReportRow, Workload } from './workload';

const STOP_SLEEP = path.join(__dirname, '..', 'apps', 'stop-sleep', 'main.js');
const STOP_SLEEP_MS = 100;
/** Over the hooks' own time, ms. */
const TARGET_MS = 50;
/** Idle time after the ready line before SIGTERM: past keel's 200 ms log flush timer, so nothing of the start is pending. */
const SETTLE_MS = 300;
const STOPPED_LINE = /"message":"stopped in ([\d.]+) ms/;

/**
 * W8 shutdown latency: SIGTERM to the parent's 'exit' event for samples/hello
 * (idle; and after one /fib request, so the thread pool has threads to end),
 * and for a keel fixture whose only OnStop sleeps 100 ms. The hooks' own time
 * is the "stopped in X ms" keel logs (the inversify app logs the same around its
 * hand-called hooks); overhead = exit latency - hooks' time. Target: <= 50 ms.
 */
export const w8Shutdown: Workload = {
  id: 'W8',
  title: 'shutdown latency (SIGTERM -> exit)',
  cases(mode) {
    const runs = mode === 'quick' ? 3 : 7;
    return [
      { key: 'hello idle', params: { app: 'hello', fib: false }, frameworks: ['keel', 'inversify'], runs },
      { key: 'hello after /fib', params: { app: 'hello', fib: true }, frameworks: ['keel', 'inversify'], runs },
      { key: `OnStop sleeps ${STOP_SLEEP_MS} ms`, params: { app: 'stop-sleep', fib: false }, frameworks: ['keel'], runs },
    ];
  },
  async measure(params, framework) {
    const script = params.app === 'stop-sleep' ? STOP_SLEEP : framework === 'keel' ? HELLO_KEEL : HELLO_INVERSIFY;
    const app = new SpawnedApp(script, {
      env: { ...HELLO_ENV, STOP_SLEEP_MS: String(STOP_SLEEP_MS) },
    });
    const ready = await app.waitForLine(params.app === 'stop-sleep' ? /"message":"ready"/ : READY_LINE);
    if (params.fib) await httpGet(`${ready.line.match(READY_LINE)![0]!.slice('ready on '.length)}/fib?n=20`);
    await sleep(SETTLE_MS);
    const killedAt = performance.now();
    app.child.kill('SIGTERM');
    const exit = await app.waitForExit();
    await app.closed;
    const stopped = app.lines.map((line) => STOPPED_LINE.exec(line)).find((m) => m !== null);
    if (!stopped) throw new Error(`no "stopped in X ms" line after SIGTERM; stdout:\n${app.lines.slice(-10).join('\n')}`);
    const exitMs = exit.at - killedAt;
    const hooksMs = Number(stopped[1]);
    return { exitMs, hooksMs, overHooksMs: exitMs - hooksMs };
  },
  report(results) {
    const rows: ReportRow[] = [];
    for (const result of results) {
      for (const [metric, label] of [
        ['exitMs', 'SIGTERM -> exit, ms'],
        ['hooksMs', "hooks' own time (logged), ms"],
        ['overHooksMs', 'exit - hooks, ms'],
      ] as const) {
        const values = metricValues(result, metric);
        const judged = metric === 'overHooksMs';
        rows.push({
          case: result.case.key,
          metric: label,
          format: formatMs,
          values,
          base: metric === 'exitMs' && values.inversify ? 'inversify app' : undefined,
          ratios: metric === 'exitMs' ? ratiosToInversify(values) : undefined,
          target: judged ? valueTarget(values.keel?.median, `<= ${TARGET_MS} ms`, (v) => v <= TARGET_MS) : undefined,
        });
      }
    }
    return {
      rows,
      notes: [
        `each run: start the app (PORT=0 KEEL_LOG_FORMAT=json DB_CONNECT_DELAY=0), wait for its ready line, ${SETTLE_MS} ms idle, SIGTERM; time from kill() to the 'exit' event in the parent. "after /fib": one GET /fib?n=20 first, so the pool's threads exist and must be ended.`,
        `hooks' own time: the "stopped in X ms" line keel logs (the inversify column: bench/apps/hello-inversify, hooks called by hand in reverse, then process.exit(0), logging the same line). The fixture (bench/apps/stop-sleep) has one OnStop sleeping ${STOP_SLEEP_MS} ms.`,
        `target: keel's median exit - hooks <= ${TARGET_MS} ms; that gap is signal delivery, flushing and closing the logger, and process teardown.`,
      ],
    };
  },
};

/** GET with a fresh connection (no keep-alive), resolving once the body has been read. */
function httpGet(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}
