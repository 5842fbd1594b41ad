import { performance } from 'node:perf_hooks';
import { FRAMEWORKS, loadAdapter, type FrameworkName } from '../frameworks/framework-adapter';
import { generateLayeredGraph } from '../graph';
import { formatMs } from '../stats';
import { atMost, metricValues, ratiosToInversify } from './report-helpers';
import type { ReportRow, Workload } from './workload';

const LAYERS = 20;
const SEED = 1;
const TARGET = 1.3;
/** ms/service at the largest N over the smallest: above this we call growth superlinear. */
const LINEAR_SLACK = 1.5;

/**
 * W1 boot overhead: N services in 20 layers with no-op async hooks; build+start
 * and stop wall time. Target: keel within 1.3x of raw inversify, cost linear in N.
 */
export const w1Boot: Workload = {
  id: 'W1',
  title: 'boot overhead (20 layers, no-op async hooks)',
  cases(mode) {
    const sizes = mode === 'quick' ? [500, 1000] : [500, 1000, 2000, 4000];
    return sizes.map((n) => ({ key: `n=${n}`, params: { n }, frameworks: FRAMEWORKS, runs: mode === 'quick' ? 3 : 5 }));
  },
  async measure(params, framework) {
    const graph = generateLayeredGraph({ layers: LAYERS, width: Number(params.n) / LAYERS, seed: SEED });
    const adapter = await loadAdapter(framework);
    const t0 = performance.now();
    const defined = adapter.define({ graph, hooks: async () => {} });
    const t1 = performance.now();
    const running = await (await defined.build()).start();
    const t2 = performance.now();
    await running.stop();
    const t3 = performance.now();
    return { defineMs: t1 - t0, bootMs: t2 - t1, stopMs: t3 - t2 };
  },
  report(results) {
    const rows: ReportRow[] = [];
    for (const result of results) {
      for (const [metric, label] of [
        ['bootMs', 'build+start ms'],
        ['stopMs', 'stop ms'],
      ] as const) {
        const values = metricValues(result, metric);
        const ratios = ratiosToInversify(values);
        rows.push({
          case: result.case.key,
          metric: label,
          format: formatMs,
          values,
          base: 'inversify',
          ratios,
          target: atMost(ratios?.keel, TARGET),
        });
      }
    }
    const notes: string[] = [];
    const linearity: Record<string, unknown> = {};
    for (const framework of FRAMEWORKS) {
      const perService = results
        .map((r) => ({ n: Number(r.case.params.n), stats: r.stats[framework]?.bootMs }))
        .filter((p): p is { n: number; stats: NonNullable<typeof p.stats> } => p.stats !== undefined)
        .map(({ n, stats }) => ({ n, usPerService: (stats.median / n) * 1000 }));
      if (perService.length < 2) continue;
      const growth = perService[perService.length - 1]!.usPerService / perService[0]!.usPerService;
      linearity[framework] = { perService, growth };
      notes.push(
        `${label(framework)} build+start per service: ${perService.map((p) => `N=${p.n} ${p.usPerService.toFixed(1)} us`).join(', ')}; ` +
          `growth ${growth.toFixed(2)}x from smallest to largest N (${growth <= LINEAR_SLACK ? 'linear' : 'superlinear'}).`,
      );
    }
    notes.push('define (creating and decorating the classes, i.e. module load) is excluded; it is in results.json as defineMs.');
    return { rows, notes, details: { linearity, linearSlack: LINEAR_SLACK } };
  },
};

function label(framework: FrameworkName): string {
  return framework === 'nest' ? 'NestJS' : framework;
}
