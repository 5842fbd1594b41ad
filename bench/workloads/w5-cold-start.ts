import { formatMs } from '../stats';
import { HELLO_ENV, HELLO_INVERSIFY, HELLO_KEEL, READY_LINE } from './hello-apps';
import { atMost, metricValues, ratiosToInversify } from './report-helpers';
import { measureNodeFloor, SpawnedApp } from './spawn-app';
import type { ReportRow, Workload } from './workload';

const TARGET = 1.2;

/**
 * W5 cold start: samples/hello (keel) and bench/apps/hello-inversify from
 * spawn to the "ready on http://..." line, with DB_CONNECT_DELAY=0 and
 * default log settings. Two times per run: when the parent reads the line
 * (what a supervisor waiting for it sees, buffering included) and the
 * timestamp inside it (when the app logged it). Peak RSS is VmHWM of
 * /proc/<pid>/status read as the line arrives. `node -e ''` runs in the same
 * child as the floor. Target: keel <= 1.2x the inversify app.
 */
export const w5ColdStart: Workload = {
  id: 'W5',
  title: 'cold start of samples/hello (spawn -> "ready" line)',
  cases(mode) {
    return [{ key: 'hello', params: {}, frameworks: ['keel', 'inversify'], runs: mode === 'quick' ? 3 : 7 }];
  },
  async measure(_params, framework) {
    const { floorMs, floorRssMb } = await measureNodeFloor();
    const app = new SpawnedApp(framework === 'keel' ? HELLO_KEEL : HELLO_INVERSIFY, { env: HELLO_ENV });
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
        "peak RSS: VmHWM from /proc/<pid>/status as the ready line arrives. The floor (node -e '', spawn to exit; its RSS from process.resourceUsage().maxRSS in a second empty process) runs before every measurement; the floor rows show it as measured next to each app.",
      ],
    };
  },
};
