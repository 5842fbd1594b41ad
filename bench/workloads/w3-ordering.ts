import { FRAMEWORKS, loadAdapter, type HookPhase } from '../frameworks/framework-adapter';
import { generateLayeredGraph, type LayeredGraph } from '../graph';
import { createRandom } from '../random';
import { formatCount } from '../stats';
import { createHookProbe, type HookProbe } from './hook-probe';
import { metricValues, sleep } from './report-helpers';
import type { ReportRow, Workload } from './workload';

const SHAPE = { layers: 10, width: 20, seed: 3 };

/**
 * W3 ordering: hooks take seeded random 0-3 ms (0: the next macrotask) so that
 * any missed edge shows, with providers declared in shuffled order. Every edge
 * is checked: a dependency's OnStart ends before its dependent's begins, and a
 * dependent's OnStop ends before its dependency's begins. Target 0 / 0.
 */
export const w3Ordering: Workload = {
  id: 'W3',
  title: `ordering (${SHAPE.layers} x ${SHAPE.width}, random 0-3 ms hooks, shuffled declarations)`,
  cases(mode) {
    // The DAG reference is a full-run column only, so --quick stays short.
    const frameworks = mode === 'quick' ? FRAMEWORKS.filter((f) => f !== 'inversify-dag') : FRAMEWORKS;
    return [{ key: `${SHAPE.layers}x${SHAPE.width}`, params: {}, frameworks, runs: mode === 'quick' ? 3 : 5 }];
  },
  async measure(_params, framework) {
    const graph = generateLayeredGraph(SHAPE);
    const random = createRandom(SHAPE.seed * 31 + 7);
    const delays = { start: graph.services.map(() => random.int(0, 3)), stop: graph.services.map(() => random.int(0, 3)) };
    const probe = createHookProbe();
    const adapter = await loadAdapter(framework);
    const defined = adapter.define({
      graph,
      hooks: async (service, phase) => {
        probe.begin(service, phase);
        const ms = delays[phase][service]!;
        await (ms === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : sleep(ms));
        probe.end(service, phase);
      },
    });
    const running = await (await defined.build()).start();
    await running.stop();
    return {
      ...countViolations(graph, probe),
      startInFlight: maxInFlight(probe, 'start'),
      stopInFlight: maxInFlight(probe, 'stop'),
      edges: graph.edgeCount,
    };
  },
  report(results) {
    const rows: ReportRow[] = [];
    for (const result of results) {
      for (const [metric, label] of [
        ['startViolations', 'edges violated at start'],
        ['stopViolations', 'edges violated at stop'],
        ['missedHooks', 'hooks missed or repeated'],
      ] as const) {
        const values = metricValues(result, metric);
        const worst = values.keel?.max;
        rows.push({
          case: result.case.key,
          metric: label,
          format: formatCount,
          values,
          target: { text: '0', pass: worst === undefined ? undefined : worst === 0 },
        });
      }
      for (const [metric, label] of [
        ['startInFlight', 'most start hooks in flight at once'],
        ['stopInFlight', 'most stop hooks in flight at once'],
      ] as const) {
        rows.push({ case: result.case.key, metric: label, format: formatCount, values: metricValues(result, metric) });
      }
    }
    const edges = generateLayeredGraph(SHAPE).edgeCount;
    return {
      rows,
      notes: [
        `${edges} edges checked per run in each direction; the target is judged on the worst run.`,
        '"in flight at once": the most hooks begun and not yet ended at any moment; 1 means one at a time (raw inversify), more means independent branches overlapped.',
      ],
    };
  },
};

/** Edges whose order was broken in each direction, and hooks that never ran or ran twice. */
export function countViolations(graph: LayeredGraph, probe: HookProbe) {
  const { start, stop } = probe.sequence;
  let startViolations = 0;
  let stopViolations = 0;
  let missedHooks = probe.repeats;
  for (const service of graph.services) {
    for (const phase of [start, stop]) if (phase.begin[service.id] === undefined || phase.end[service.id] === undefined) missedHooks++;
    for (const dep of service.deps) {
      // Unset entries compare false, so a hook that never ran counts as a violation too.
      if (!(start.end[dep]! < start.begin[service.id]!)) startViolations++;
      if (!(stop.end[service.id]! < stop.begin[dep]!)) stopViolations++;
    }
  }
  return { startViolations, stopViolations, missedHooks };
}

/** The most hooks of a phase that had begun and not yet ended at the same moment, from the probe's sequence numbers. */
export function maxInFlight(probe: HookProbe, phase: HookPhase): number {
  const { begin, end } = probe.sequence[phase];
  const events: [number, number][] = [];
  begin.forEach((at) => events.push([at, 1]));
  end.forEach((at) => events.push([at, -1]));
  events.sort((a, b) => a[0] - b[0]);
  let running = 0;
  let most = 0;
  for (const [, delta] of events) most = Math.max(most, (running += delta));
  return most;
}
