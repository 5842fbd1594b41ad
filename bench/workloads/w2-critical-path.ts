import { performance } from 'node:perf_hooks';
import { FRAMEWORKS, loadAdapter } from '../frameworks/framework-adapter';
import { criticalPath, generateLayeredGraph, type LayeredGraph } from '../graph';
import { createRandom } from '../random';
import { formatMs } from '../stats';
import { createHookProbe } from './hook-probe';
import { atMost, metricValues, ratiosTo, ratiosToPeer, sleep } from './report-helpers';
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
 * W2 / W2-skew: every hook awaits a real timer; wall times over the critical
 * path computed from the graph. The issue's target is build+start as a user
 * sees it, from the build call (createApplication) to all started: keel <= 1.1x
 * the path and no slower than Effect. Also: time from the build call to the
 * first start hook's beginning, start alone (from the first hook for the
 * frameworks that build in their start call), and stop.
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
      // The DAG reference is a full-run column only, so --quick stays short.
      const frameworks = mode === 'quick' ? FRAMEWORKS.filter((f) => f !== 'inversify' && f !== 'inversify-dag') : FRAMEWORKS;
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
      const t0 = performance.now();
      const built = await defined.build();
      const t1 = performance.now();
      const running = await built.start();
      const t2 = performance.now();
      await running.stop();
      const t3 = performance.now();
      const firstHook = Math.min(...probe.times.start.begin);
      const measured = (phase: 'start' | 'stop') => criticalPath(g, (s) => probe.times[phase].end[s]! - probe.times[phase].begin[s]!).ms;
      return {
        buildStartMs: t2 - t0,
        firstHookMs: firstHook - t0,
        // NestJS and Effect build and start in one call: their start alone is timed from their first start hook.
        startMs: adapter.buildsInStart ? t2 - firstHook : t2 - t1,
        buildCallMs: t1 - t0,
        startCallMs: t2 - t1,
        stopMs: t3 - t2,
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
        const overPath = (metric: string, label: string) => {
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
        };
        const overEffect = (metric: string, label: string, target: boolean) => {
          const values = metricValues(result, metric);
          const ratios = ratiosToPeer(values, 'effect');
          rows.push({
            case: result.case.key,
            metric: label,
            format: formatMs,
            values,
            base: 'Effect',
            ratios,
            target: target ? atMost(ratios?.keel, 1) : undefined,
          });
        };
        overPath('buildStartMs', 'build+start ms (build call -> all started)');
        overEffect('buildStartMs', 'build+start ms, vs Effect', true);
        overEffect('firstHookMs', 'build call -> first start hook ms', false);
        overPath('startMs', 'start ms (alone)');
        overPath('stopMs', 'stop ms');
      }
      const notes = [
        `critical path computed from the graph: ${path.ms} ms (${path.path.length} services: ${path.path.map((s) => `${g.services[s]!.name} ${durations[s]} ms`).join(' -> ')}).`,
        `level-by-level scheduling would need ${levels} ms (${(levels / path.ms).toFixed(2)}x the path); raw inversify runs hooks one at a time: ${durations.reduce((a, b) => a + b, 0)} ms.`,
        "build+start runs from the build call (keel: createApplication; inversify: new Container + bind + get; NestJS: nothing, its build is in createApplicationContext; Effect: nothing, its build is the layer build) to every start hook finished: the issue's target (keel <= 1.1x the path, and <= Effect). The first-hook row is that build call -> the first start hook's beginning.",
        '"start ms (alone)" excludes build: for NestJS and Effect, which construct and start in one call, it is timed from their first start hook. results.json also has buildCallMs, startCallMs (the start call alone) and the path measured from real hook durations.',
        "inversify-dag is a reference, not a framework: raw inversify bind + get, then one promise per service (a hook begins when its dependencies' hooks finished); full runs only.",
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
