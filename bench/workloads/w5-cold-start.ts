import { formatMs } from '../stats';
import { codeCacheEnv, HELLO_ENV, HELLO_INVERSIFY, HELLO_KEEL, READY_LINE, type CodeCache } from './hello-apps';
import { discoverExternals, runShare } from './keel-share';
import { atMost, metricValues, ratiosToInversify, valueTarget } from './report-helpers';
import { measureNodeFloor, SpawnedApp } from './spawn-app';
import type { CaseResult, ReportRow, Sample, Workload } from './workload';

const TARGET = 1.2;
/** Issue 14 target 4: keel's own share of samples/hello's spawn -> ready, ms. */
const SHARE_TARGET_MS = 10;

/**
 * W5 cold start: samples/hello (keel) and bench/apps/hello-inversify from
 * spawn to the "ready on http://..." line, with DB_CONNECT_DELAY=0 and
 * default log settings. Two times per run: when the parent reads the line
 * (what a supervisor waiting for it sees, buffering included) and the
 * timestamp inside it (when the app logged it). Peak RSS is VmHWM of
 * /proc/<pid>/status read as the line arrives. `node -e ''` runs in the same
 * child as the floor. Target: keel <= 1.2x the inversify app.
 *
 * Case "keel share": samples/hello's path in bench/apps/hello-share with every
 * dependency file it loads (inversify, winston, dotenv...) preloaded, timed
 * phase by phase: keel's own modules' load, build (createApplication), start,
 * and bootstrap() as samples/hello calls it. Target: load + bootstrap <= 10 ms.
 * Each case runs with keel's code cache warm and off (KEEL_CODE_CACHE=off).
 * `--instructions --only W5` counts the same phases under callgrind.
 */
export const w5ColdStart: Workload = {
  id: 'W5',
  title: 'cold start of samples/hello (spawn -> "ready" line)',
  cases(mode) {
    return [
      { key: 'hello', params: { share: false, codeCache: 'warm' }, frameworks: ['keel', 'inversify'], runs: mode === 'quick' ? 3 : 7 },
      {
        key: 'hello, no code cache',
        params: { share: false, codeCache: 'off' },
        frameworks: ['keel', 'inversify'],
        runs: mode === 'quick' ? 3 : 7,
      },
      { key: 'keel share', params: { share: true, codeCache: 'warm' }, frameworks: ['keel'], runs: mode === 'quick' ? 3 : 15 },
      {
        key: 'keel share, no code cache',
        params: { share: true, codeCache: 'off' },
        frameworks: ['keel'],
        runs: mode === 'quick' ? 3 : 15,
      },
    ];
  },
  async measure(params, framework) {
    const codeCache = params.codeCache as CodeCache;
    if (params.share) return measureShare(codeCache);
    const env = { ...HELLO_ENV, ...codeCacheEnv(codeCache) };
    // A restart on the same disk: one run before has written keel's code cache.
    if (framework === 'keel' && codeCache === 'warm') await runToReady(env);
    const { floorMs, floorRssMb } = await measureNodeFloor();
    const app = new SpawnedApp(framework === 'keel' ? HELLO_KEEL : HELLO_INVERSIFY, { env });
    const ready = await app.waitForLine(READY_LINE);
    const rssMb = app.peakRssMb();
    const readyLineMs = ready.at - app.spawnedAt;
    const loggedAt = Date.parse((JSON.parse(ready.line) as { timestamp: string }).timestamp);
    app.child.kill('SIGTERM');
    await app.waitForExit();
    return {
      readyLineMs,
      readyLoggedMs: loggedAt - app.spawnedAtEpoch,
      overFloorMs: readyLineMs - floorMs,
      rssMb,
      floorMs,
      floorRssMb,
    };
  },
  report(results) {
    const rows: ReportRow[] = [];
    for (const result of results) {
      if (result.case.params.share) {
        rows.push(...shareRows(result));
        continue;
      }
      for (const [metric, label, target] of [
        ['readyLineMs', 'ready line read, ms', true],
        ['readyLoggedMs', 'ready logged (line timestamp), ms', false],
        ['overFloorMs', "ready line - node -e '' ms", false],
        ['rssMb', 'peak RSS at ready, MB', false],
        ['floorMs', "floor: node -e '' exit, ms", false],
        ['floorRssMb', "floor: node -e '' peak RSS, MB", false],
      ] as const) {
        const values = metricValues(result, metric);
        const ratios = metric.startsWith('floor') ? undefined : ratiosToInversify(values);
        rows.push({
          case: result.case.key,
          metric: label,
          format: formatMs,
          values,
          base: ratios ? 'inversify app' : undefined,
          ratios,
          target: target ? atMost(ratios?.keel, TARGET) : undefined,
        });
      }
    }
    return {
      rows,
      notes: [
        'inversify column: bench/apps/hello-inversify, the same three services on a bare inversify Container, hooks awaited by hand in topological order, JSON lines written straight to stdout (no winston, no dotenv, no config schema). Both run with PORT=0 KEEL_LOG_FORMAT=json DB_CONNECT_DELAY=0 and default log settings.',
        "'ready line read' is when the parent reads the line from the pipe; 'ready logged' is the timestamp inside the line minus the spawn time (1 ms resolution): the gap between them is time the line waited in the app's log buffer.",
        "keel share: bench/apps/hello-share runs samples/hello's path with every node_modules file that path loads preloaded first (listed by one discovery run), so inversify's, winston's and the other dependencies' load is excluded; what keel loads lazily (its logger modules on the first record) counts where it loads. 'keel load' is require('keel'); 'build' createApplication; 'start' app.start(); 'bootstrap' what samples/hello runs (.env, settings, build, signals, start); the target row is keel load + bootstrap. 'keel's own' preloads, with the dependencies, the Node modules that bench/apps/hello-inversify loads as well (node:http; dns, dgram, child_process, cluster at the first listen), found by comparing both apps' process.moduleLoadList: what is left is keel's own code and the Node modules only keel loads. Marks are performance.now() inside one process.",
        "code cache: keel's bundle is compiled through V8's code cache (dist/load-bundle.js, KEEL_CODE_CACHE). 'hello' and 'keel share' run warm (bench/.tmp/code-cache, written by a run before: a restart on the same disk); the 'no code cache' cases run with KEEL_CODE_CACHE=off, the compile of a first start.",
        "peak RSS: VmHWM from /proc/<pid>/status as the ready line arrives. The floor (node -e '', spawn to exit; its RSS from process.resourceUsage().maxRSS in a second empty process) runs before every measurement; the floor rows show it as measured next to each app.",
      ],
    };
  },
};

/** samples/hello once, from spawn to its ready line and SIGTERM to exit (its code cache written at exit). */
async function runToReady(env: NodeJS.ProcessEnv): Promise<void> {
  const app = new SpawnedApp(HELLO_KEEL, { env, profile: false });
  await app.waitForLine(READY_LINE);
  app.child.kill('SIGTERM');
  await app.waitForExit();
}

/** One "keel share" sample: a build+start run and a bootstrap run, both with the dependencies preloaded. */
async function measureShare(codeCache: CodeCache): Promise<Sample> {
  const externals = await discoverExternals(codeCache);
  const split = (await runShare('start', externals, codeCache)).marks;
  const boot = (await runShare('bootstrap', externals, codeCache)).marks;
  // keel's own share: the Node modules the inversify-only twin loads too (node:http, what listen loads) preloaded as well.
  const own = (await runShare('bootstrap', externals, codeCache, 'keel-own')).marks;
  const sample: Sample = {};
  for (const clock of ['wall', 'cpu'] as const) {
    const [s, b, o] = [split[clock], boot[clock], own[clock]];
    const phases = {
      depsMs: s.deps! - s.begin!,
      loadMs: s.keel! - s.deps!,
      appMs: s.app! - s.keel!,
      buildMs: s.build! - s.app!,
      startMs: s.start! - s.build!,
      bootstrapMs: b.bootstrap! - b.app!,
      shareMs: b.keel! - b.deps! + (b.bootstrap! - b.app!),
      ownShareMs: o.keel! - o.deps! + (o.bootstrap! - o.app!),
    };
    for (const [metric, value] of Object.entries(phases)) sample[clock === 'wall' ? metric : `cpu.${metric}`] = value;
  }
  return sample;
}

function shareRows(result: CaseResult): ReportRow[] {
  const row = (metric: string, label: string, target?: boolean): ReportRow => {
    const values = metricValues(result, metric);
    return {
      case: result.case.key,
      metric: label,
      format: formatMs,
      values,
      target: target ? valueTarget(values.keel?.median, `<= ${SHARE_TARGET_MS} ms`, (v) => v <= SHARE_TARGET_MS) : undefined,
    };
  };
  return [
    row('shareMs', 'keel load + bootstrap, ms', true),
    row('ownShareMs', "keel's own: load + bootstrap, Node's modules the twin loads too preloaded, ms"),
    row('loadMs', "keel's modules load, ms"),
    row('buildMs', 'build (createApplication), ms'),
    row('startMs', 'start (app.start()), ms'),
    row('bootstrapMs', 'bootstrap() until running, ms'),
    row('appMs', "samples/hello's own modules, ms"),
    row('depsMs', 'excluded: dependencies preloaded, ms'),
    row('cpu.shareMs', 'CPU: keel load + bootstrap, ms'),
    row('cpu.ownShareMs', "CPU: keel's own, load + bootstrap, ms"),
    row('cpu.loadMs', "CPU: keel's modules load, ms"),
    row('cpu.buildMs', 'CPU: build, ms'),
    row('cpu.startMs', 'CPU: start, ms'),
    row('cpu.bootstrapMs', 'CPU: bootstrap() until running, ms'),
  ];
}
