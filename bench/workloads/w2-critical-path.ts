import { performance } from 'node:perf_hooks';
import { FRAMEWORKS, loadAdapter } from '../frameworks/framework-adapter';
import { criticalPath, generateLayeredGraph, type LayeredGraph } from '../graph';
import { createRandom } from '../random';
import { formatMs } from '../stats';
import { createHookProbe } from './hook-probe';
import { atMost, metricValues, ratiosTo, sleep } from './report-helpers';
import type { ReportRow, Workload } from './workload';

const SHAPE = { layers: 10, width: 20, seed: 2 };
const TARGET = 1.1;

type Profile = 'uniform' | 'skew';

/** Hook duration per service id: 10 ms each, or 1 ms with one seeded 40 ms service per layer. */
export function hookDurations(graph: LayeredGraph, profile: Profile): number[] {
  if (profile === 'uniform') return graph.services.map(() => 10);
  const random = createRandom(graph.seed * 7919 + 1);
  const durations = graph.services.map(() => 1);
  for (let layer = 0; layer < graph.layers; layer++) durations[layer * graph.width + random.int(0, graph.width - 1)] = 40;
  return durations;
}

/** What scheduling level by level (each layer waits for the whole layer below) costs on this graph. */
function levelByLevel(graph: LayeredGraph, durations: readonly number[]): number {
  let total = 0;
  for (let layer = 0; layer < graph.layers; layer++) total += Math.max(...durations.slice(layer * graph.width, (layer + 1) * graph.width));
  return total;
}

/**
 * W2 / W2-skew: every hook awaits a real timer; start and stop wall time over
 * the critical path computed from the graph. Target: keel <= 1.1x the path.
 */
function criticalPathWorkload(id: string, profile: Profile): Workload {
  const graph = () => generateLayeredGraph(SHAPE);
  return {
    id,
    title:
      profile === 'uniform'
        ? `critical path (${SHAPE.layers} x ${SHAPE.width}, every hook awaits 10 ms)`
        : `critical path, skewed (${SHAPE.layers} x ${SHAPE.width}, 1 ms hooks, one 40 ms service per layer)`,
    cases(mode) {
      // Raw inversify runs hooks one at a time (seconds here): it is the floor for overhead, not for wall time.
      const frameworks = mode === 'quick' ? FRAMEWORKS.filter((f) => f !== 'inversify') : FRAMEWORKS;
      return [{ key: `${SHAPE.layers}x${SHAPE.width}`, params: {}, frameworks, runs: mode === 'quick' ? 3 : 5 }];
    },
    async measure(_params, framework) {
      const g = graph();
      const durations = hookDurations(g, profile);
      const probe = createHookProbe();
      const adapter = await loadAdapter(framework);
      const defined = adapter.define({
        graph: g,
        hooks: async (service, phase) => {
          probe.begin(service, phase);
          await sleep(durations[service]!);
          probe.end(service, phase);
        },
      });
      const built = await defined.build();
      const t0 = performance.now();
      const running = await built.start();
      const t1 = performance.now();
      await running.stop();
      const t2 = performance.now();
      const measured = (phase: 'start' | 'stop') => criticalPath(g, (s) => probe.times[phase].end[s]! - probe.times[phase].begin[s]!).ms;
      return {
        // NestJS builds and starts in one call: its start is timed from its first onModuleInit.
        startMs: framework === 'nest' ? t1 - Math.min(...probe.times.start.begin) : t1 - t0,
        startCallMs: t1 - t0,
        stopMs: t2 - t1,
        startPathMeasuredMs: measured('start'),
        stopPathMeasuredMs: measured('stop'),
      };
    },
    report(results) {
      const g = graph();
      const durations = hookDurations(g, profile);
      const path = criticalPath(g, (s) => durations[s]!);
      const levels = levelByLevel(g, durations);
      const rows: ReportRow[] = [];
      for (const result of results) {
        for (const [metric, label] of [
          ['startMs', 'start ms'],
          ['stopMs', 'stop ms'],
        ] as const) {
          const values = metricValues(result, metric);
          const ratios = ratiosTo(values, path.ms);
          rows.push({
            case: result.case.key,
            metric: label,
            format: formatMs,
            values,
            base: `path ${path.ms} ms`,
            ratios,
            target: atMost(ratios?.keel, TARGET),
          });
        }
      }
      const notes = [
        `critical path computed from the graph: ${path.ms} ms (${path.path.length} services: ${path.path.map((s) => `${g.services[s]!.name} ${durations[s]} ms`).join(' -> ')}).`,
        `level-by-level scheduling would need ${levels} ms (${(levels / path.ms).toFixed(2)}x the path); raw inversify runs hooks one at a time: ${durations.reduce((a, b) => a + b, 0)} ms.`,
        'NestJS start is timed from its first onModuleInit (createApplicationContext builds and starts in one call); results.json also has the whole call (startCallMs) and the path measured from real hook durations.',
      ];
      return {
        rows,
        notes,
        details: { criticalPathMs: path.ms, criticalPath: path.path.map((s) => g.services[s]!.name), levelByLevelMs: levels },
      };
    },
  };
}

export const w2CriticalPath = criticalPathWorkload('W2', 'uniform');
export const w2Skew = criticalPathWorkload('W2-skew', 'skew');
