import { performance } from 'node:perf_hooks';
import { FRAMEWORKS as ALL, loadAdapter, type FrameworkName } from '../frameworks/framework-adapter';
import { generateLayeredGraph } from '../graph';
import { formatMs } from '../stats';
import { atMost, metricValues, ratiosToInversify } from './report-helpers';
import type { ReportRow, Workload } from './workload';

const LAYERS = 20;
const SEED = 1;
const TARGET = 1.3;
/** Marginal us/service between the two largest N over that between the two smallest: above this, superlinear. */
const LINEAR_SLACK = 1.5;
/** The DAG reference schedules as inversify builds: W2/W2-skew show what its scheduling buys. */
const FRAMEWORKS = ALL.filter((f) => f !== 'inversify-dag');

/**
 * W1 boot overhead: N services in 20 layers with no-op async hooks; build+start
 * and stop wall time. Target: keel within 1.3x of raw inversify, cost linear in N.
 * build+start is timed from define's end to all started, so frameworks that
 * build in their start call (NestJS, Effect) are timed alike.
 */
export const w1Boot: Workload = {
  id: 'W1',
  title: 'boot overhead (20 layers, no-op async hooks)',
  cases(mode) {
    const sizes = mode === 'quick' ? [200, 500] : [500, 1000, 2000, 4000];
    // Effect costs ~3 s of --quick here for a row W2/W3 quick already cover: full runs only.
    const frameworks = mode === 'quick' ? FRAMEWORKS.filter((f) => f !== 'effect') : FRAMEWORKS;
    return sizes.map((n) => ({ key: `n=${n}`, params: { n }, frameworks, runs: mode === 'quick' ? 3 : 5 }));
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
      const points = results
        .map((r) => ({ n: Number(r.case.params.n), ms: r.stats[framework]?.bootMs?.median }))
        .filter((p): p is { n: number; ms: number } => p.ms !== undefined);
      if (points.length < 2) continue;
      const fit = fitLine(points);
      // Marginal cost between consecutive sizes: fixed costs cancel, so growth shows superlinear work.
      const marginal = points.slice(1).map((p, i) => ((p.ms - points[i]!.ms) / (p.n - points[i]!.n)) * 1000);
      const growth = marginal[marginal.length - 1]! / marginal[0]!;
      const linear = marginal.length === 1 || growth <= LINEAR_SLACK;
      linearity[framework] = { fixedMs: fit.intercept, usPerService: fit.slope * 1000, marginalUsPerService: marginal, growth, linear };
      notes.push(
        `${label(framework)} build+start us/service ${points.map((p) => `N=${p.n}: ${((p.ms / p.n) * 1000).toFixed(0)}`).join(', ')}; ` +
          `~ ${fit.intercept.toFixed(0)} ms + ${(fit.slope * 1000).toFixed(0)} us x N (least squares); ` +
          `marginal us/service ${points
            .slice(1)
            .map((p, i) => `${points[i]!.n}->${p.n}: ${marginal[i]!.toFixed(0)}`)
            .join(', ')}` +
          (marginal.length > 1 ? ` (${linear ? 'linear' : 'superlinear'}: last/first ${growth.toFixed(2)}).` : '.'),
      );
    }
    notes.push('define (creating and decorating the classes, i.e. module load) is excluded; it is in results.json as defineMs.');
    return { rows, notes, details: { linearity, linearSlack: LINEAR_SLACK } };
  },
};

/** Least-squares line through (n, ms): intercept = fixed cost, slope = cost per service. */
function fitLine(points: readonly { n: number; ms: number }[]): { intercept: number; slope: number } {
  const meanN = points.reduce((a, p) => a + p.n, 0) / points.length;
  const meanMs = points.reduce((a, p) => a + p.ms, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.n - meanN) * (p.ms - meanMs);
    variance += (p.n - meanN) ** 2;
  }
  const slope = covariance / variance;
  return { intercept: meanMs - slope * meanN, slope };
}

function label(framework: FrameworkName): string {
  return framework === 'nest' ? 'NestJS' : framework === 'effect' ? 'Effect' : framework;
}
