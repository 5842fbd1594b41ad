import type { AdapterName, FrameworkName } from '../frameworks/framework-adapter';
import type { Stats } from '../stats';

export type BenchMode = 'full' | 'quick';

/** What one measurement returns: metric name -> number. */
export type Sample = Record<string, number>;

/** JSON-safe parameters; they travel to the child process on its command line. */
export type CaseParams = Record<string, number | string | boolean>;

export interface BenchCase {
  /** Unique within its workload: `n=1000`, `singleton`. */
  key: string;
  params: CaseParams;
  frameworks: readonly FrameworkName[];
  /** Fresh processes per framework; the runner's --runs overrides it. */
  runs: number;
}

/** Every sample of one case, summarized per framework and metric. */
export interface CaseResult {
  case: BenchCase;
  stats: Partial<Record<FrameworkName, Record<string, Stats>>>;
}

export interface ReportRow {
  case: string;
  metric: string;
  /** Formats a value of this metric for the table (`12.3`, `1.20M`). */
  format: (value: number) => string;
  values: Partial<Record<FrameworkName, Stats>>;
  /**
   * The peer a column shows instead of its own framework (W6 shows plain winston
   * in the inversify column and pino in the NestJS one); the table labels such
   * cells with the peer's name, and `ratios` stay keyed by column.
   */
  columns?: Partial<Record<AdapterName, FrameworkName>>;
  /** What the ratios divide by: `inversify`, `critical path`... */
  base?: string;
  /** Keyed by column, like the values shown in it. */
  ratios?: Partial<Record<AdapterName, number>>;
  /** The target for keel, e.g. `<= 1.3`; pass is undefined when it was not measured. */
  target?: { text: string; pass: boolean | undefined };
}

export interface WorkloadReport {
  rows: ReportRow[];
  /** Lines printed under the table: derived facts (critical path, linearity) and caveats. */
  notes: string[];
  /** Extra facts for results.json. */
  details?: Record<string, unknown>;
}

/**
 * One benchmark workload. The runner calls cases() in the parent, measure() in
 * a fresh child process once per (case, framework, run), and report() with the
 * collected statistics. A workload that times whole processes (W5 cold start)
 * spawns them from measure(); one that needs no framework adapter ignores it.
 */
export interface Workload {
  /** `W1`, `W2-skew`: what --only matches. */
  id: string;
  title: string;
  cases(mode: BenchMode): BenchCase[];
  measure(params: CaseParams, framework: FrameworkName): Promise<Sample>;
  report(results: CaseResult[], mode: BenchMode): WorkloadReport;
}
