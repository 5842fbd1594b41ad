import { w1Boot } from './w1-boot';
import { w2CriticalPath, w2Skew } from './w2-critical-path';
import { w3Ordering } from './w3-ordering';
import { w4Resolution } from './w4-resolution';
import { w5ColdStart } from './w5-cold-start';
import { w6Logging } from './w6-logging';
import { w7ThreadPool } from './w7-thread-pool';
import { w8Shutdown } from './w8-shutdown';
import { w9Drain } from './w9-drain';
import type { Workload } from './workload';

/**
 * Every workload, in table order. To add one, implement Workload in its own
 * file and list it here: the runner, the child process, the table and
 * results.json pick it up from this list alone.
 */
export const WORKLOADS: readonly Workload[] = [
  w1Boot,
  w2CriticalPath,
  w2Skew,
  w3Ordering,
  w4Resolution,
  w5ColdStart,
  w6Logging,
  w7ThreadPool,
  w8Shutdown,
  w9Drain,
];

export function findWorkload(id: string): Workload {
  const workload = WORKLOADS.find((w) => w.id === id);
  if (!workload) throw new Error(`Unknown workload "${id}"; known: ${WORKLOADS.map((w) => w.id).join(', ')}.`);
  return workload;
}
