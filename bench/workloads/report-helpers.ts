import { FRAMEWORKS, type FrameworkName } from '../frameworks/framework-adapter';
import type { Stats } from '../stats';
import type { CaseResult, ReportRow } from './workload';

/** The statistics of one metric for every framework that measured it. */
export function metricValues(result: CaseResult, metric: string): Partial<Record<FrameworkName, Stats>> {
  const values: Partial<Record<FrameworkName, Stats>> = {};
  for (const [framework, stats] of Object.entries(result.stats) as [FrameworkName, Record<string, Stats>][]) {
    if (stats[metric]) values[framework] = stats[metric];
  }
  return values;
}

/** Every other framework's median over inversify's; absent when a side was not measured. */
export function ratiosToInversify(values: Partial<Record<FrameworkName, Stats>>): ReportRow['ratios'] {
  return ratiosToPeer(values, 'inversify');
}

/** Every framework's median over a fixed value (the critical path). */
export function ratiosTo(values: Partial<Record<FrameworkName, Stats>>, base: number): ReportRow['ratios'] {
  const ratios: ReportRow['ratios'] = {};
  for (const framework of FRAMEWORKS) {
    const stats = values[framework];
    if (stats) ratios[framework] = stats.median / base;
  }
  return ratios;
}

export function atMost(ratio: number | undefined, limit: number, unit = 'x'): ReportRow['target'] {
  return { text: `<= ${limit}${unit}`, pass: ratio === undefined ? undefined : ratio <= limit };
}

export function atLeast(ratio: number | undefined, limit: number, unit = 'x'): ReportRow['target'] {
  return { text: `>= ${limit}${unit}`, pass: ratio === undefined ? undefined : ratio >= limit };
}

/** Resolves after `ms` on a real timer, like the I/O a hook awaits. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Ratios to `base`'s median for every column but the one showing `base`
 * itself, each for whatever that column shows (`columns.nest`, a peer such as
 * pino, or NestJS itself).
 */
export function ratiosToPeer(
  values: Partial<Record<FrameworkName, Stats>>,
  base: FrameworkName,
  columns: ReportRow['columns'] = {},
): ReportRow['ratios'] {
  const baseMedian = values[base]?.median;
  if (baseMedian === undefined || baseMedian === 0) return {};
  const ratios: ReportRow['ratios'] = {};
  for (const column of FRAMEWORKS) {
    const shown = column === 'keel' ? column : (columns[column] ?? column);
    const stats = values[shown];
    if (stats && shown !== base) ratios[column] = stats.median / baseMedian;
  }
  return ratios;
}

/** A target on a plain value (ms over the hooks, a speedup), not on a ratio. */
export function valueTarget(value: number | undefined, text: string, pass: (value: number) => boolean): ReportRow['target'] {
  return { text, pass: value === undefined ? undefined : pass(value) };
}
