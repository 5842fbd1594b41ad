import { w1Boot } from './w1-boot';
import { w2CriticalPath, w2Skew } from './w2-critical-path';
import { w3Ordering } from './w3-ordering';
import { w4Resolution } from './w4-resolution';
import type { Workload } from './workload';

/**
 * Every workload, in table order. To add one (W5 cold start of samples/hello,
 * W6 logging throughput, W7 thread pool, W8 shutdown latency), implement
 * Workload in its own file and list it here: the runner, the child process,
 * the table and results.json pick it up from this list alone.
 */
export const WORKLOADS: readonly Workload[] = [w1Boot, w2CriticalPath, w2Skew, w3Ordering, w4Resolution];

export function findWorkload(id: string): Workload {
  const workload = WORKLOADS.find((w) => w.id === id);
  if (!workload) throw new Error(`Unknown workload "${id}"; known: ${WORKLOADS.map((w) => w.id).join(', ')}.`);
  return workload;
}
