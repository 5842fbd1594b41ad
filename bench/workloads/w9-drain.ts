import { Agent, request } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatMs } from '../stats';
import { READY_LINE } from './hello-apps';
import { metricValues, sleep, valueTarget } from './report-helpers';
import { SpawnedApp } from './spawn-app';
import type { ReportRow, Workload } from './workload';

const DRAIN_KEEL = path.join(__dirname, '..', 'apps', 'drain-keel', 'main.js');
const DRAIN_NEST = path.join(__dirname, '..', 'apps', 'drain-nest', 'main.js');
const CONNECTIONS = 50;
/** Load before SIGTERM, ms. */
const WARM_MS = 1000;
/** The load stops this long after SIGTERM if the app has not exited (NestJS keeps busy keep-alive sockets open). */
const LOAD_CAP_MS = { full: 8000, quick: 3000 } as const;

/**
 * W9 drain under load: 50 keep-alive clients (one request at a time each, a new
 * connection when the server closes one) hit a 5 ms route; SIGTERM after 1 s.
 * Counted: requests that failed after being sent (reset, hang-up, non-2xx;
 * a refused connect means the server is gone and ends that client, counted
 * apart), and SIGTERM -> exit minus the app's drainDelay. keel: HttpServerModule
 * with KEEL_DRAIN_DELAY 0 and 500; NestJS 12 (platform-express)
 * enableShutdownHooks(), with and without forceCloseConnections.
 */
export const w9Drain: Workload = {
  id: 'W9',
  title: 'SIGTERM under 50 keep-alive connections',
  cases(mode) {
    const runs = mode === 'quick' ? 1 : 5;
    const cap = LOAD_CAP_MS[mode];
    return [
      { key: 'keel drainDelay 500', params: { drain: 500, force: false, cap }, frameworks: ['keel'], runs },
      { key: 'keel drainDelay 0', params: { drain: 0, force: false, cap }, frameworks: ['keel'], runs },
      { key: 'nest enableShutdownHooks', params: { drain: 0, force: false, cap }, frameworks: ['nest'], runs },
      { key: 'nest + forceCloseConnections', params: { drain: 0, force: true, cap }, frameworks: ['nest'], runs },
    ];
  },
  async measure(params, framework) {
    const drainDelay = Number(params.drain);
    const app = new SpawnedApp(framework === 'keel' ? DRAIN_KEEL : DRAIN_NEST, {
      env: { PORT: '0', KEEL_LOG_FORMAT: 'json', KEEL_DRAIN_DELAY: String(drainDelay), FORCE_CLOSE: params.force ? '1' : '0' },
    });
    const ready = await app.waitForLine(READY_LINE);
    const url = ready.line.match(READY_LINE)![0]!.slice('ready on '.length);
    const load = startLoad(url, CONNECTIONS);
    await sleep(WARM_MS);
    const killedAt = performance.now();
    const before = load.tally.ok;
    app.child.kill('SIGTERM');
    const exited = await Promise.race([app.exited, sleep(Number(params.cap)).then(() => undefined)]);
    await load.stop();
    const exit = exited ?? (await app.exited);
    await app.closed;
    return {
      failed: load.tally.failed,
      resetNew: load.tally.resetNew,
      refused: load.tally.refused,
      servedAfterSigterm: load.tally.ok - before,
      exitBeyondDrainMs: exit.at - killedAt - drainDelay,
      exitedUnderLoad: exited ? 1 : 0,
    };
  },
  report(results, mode) {
    const cap = LOAD_CAP_MS[mode];
    const rows: ReportRow[] = [];
    for (const result of results) {
      for (const [metric, label] of [
        ['failed', 'failed on keep-alive / non-2xx'],
        ['resetNew', 'reset on a new connection'],
        ['exitBeyondDrainMs', 'SIGTERM -> exit - drainDelay, ms'],
        ['servedAfterSigterm', 'served after SIGTERM'],
        ['refused', 'connects refused (server gone)'],
      ] as const) {
        const values = metricValues(result, metric);
        const judged = metric === 'failed' && values.keel !== undefined && result.case.params.drain !== 0;
        rows.push({
          case: result.case.key,
          metric: label,
          format: metric === 'exitBeyondDrainMs' ? formatMs : (v) => String(Math.round(v)),
          values,
          target: judged ? valueTarget(values.keel?.max, '0', (v) => v === 0) : undefined,
        });
      }
    }
    return {
      rows,
      notes: [
        `each run: start the app, ${CONNECTIONS} keep-alive clients (node:http Agent, one request at a time each, a 5 ms route) for ${WARM_MS} ms, SIGTERM; the load stops when the app exits or ${cap} ms after SIGTERM, whichever is first.`,
        'failed on keep-alive: a request sent on a reused keep-alive connection that got a reset or a hang-up (the keep-alive race), or any non-2xx answer. reset on a new connection: a client that reconnected (after Connection: close) just as the listener closed, so the kernel reset it from the accept queue before the app saw it; behind a balancer that stopped sending during drainDelay neither happens (see .ci/rolling-restart.sh). A refused connect ends that client and is counted apart.',
        `exit time: kill() to the parent's 'exit' event minus the app's drainDelay (keel: KEEL_DRAIN_DELAY; NestJS: 0). A NestJS exit near ${cap} ms means busy keep-alive sockets kept it alive until the load stopped.`,
        'target: keel with a drainDelay loses no request (worst run).',
      ],
    };
  },
};

interface Tally {
  ok: number;
  /** Failed on a reused keep-alive socket, or answered non-2xx: the requests a drain must not lose. */
  failed: number;
  /** Reset on a brand-new connection before any answer: the listener closed with it in the accept queue. */
  resetNew: number;
  refused: number;
}

function startLoad(base: string, connections: number): { tally: Tally; stop: () => Promise<void> } {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const tally: Tally = { ok: 0, failed: 0, resetNew: 0, refused: 0 };
  let stopped = false;
  const client = async () => {
    while (!stopped) {
      const outcome = await once(`${base}/`, agent);
      if (outcome === 'ok') tally.ok += 1;
      else if (outcome === 'refused') {
        tally.refused += 1;
        return;
      } else if (outcome === 'resetNew') tally.resetNew += 1;
      else tally.failed += 1;
    }
  };
  const clients = Promise.all(Array.from({ length: connections }, client));
  return {
    tally,
    stop: async () => {
      stopped = true;
      await clients;
      agent.destroy();
    },
  };
}

function once(url: string, agent: Agent): Promise<'ok' | 'failed' | 'resetNew' | 'refused'> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? 'ok' : 'failed'));
      res.on('error', () => resolve('failed'));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') resolve('refused');
      else resolve(error.code === 'ECONNRESET' && !req.reusedSocket ? 'resetNew' : 'failed');
    });
    req.end();
  });
}
