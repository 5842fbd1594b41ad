import type { DependencyGraph, GraphNodeLike } from './dependency-graph';

export type Direction = 'start' | 'stop';

export interface ScheduleOptions<N> {
  /** start: a node waits for its dependencies; stop: for its dependents. */
  direction: Direction;
  /** The nodes taking part; neighbours outside this set are not waited for. */
  nodes: Iterable<N>;
  run: (node: N) => Promise<void> | void;
  /** 'halt': after a failure no new node begins (start). 'continue': keep going (stop). */
  onFailure: 'halt' | 'continue';
  /** At most this many nodes run at once; default unlimited. */
  concurrency?: number;
  /** When aborted, no new node begins; running ones are awaited. */
  signal?: AbortSignal;
}

export interface ScheduleResult<N> {
  completed: N[];
  failed: { node: N; error: unknown }[];
  /** Nodes that never began, because of a failure, an abort, or a failed prerequisite. */
  skipped: N[];
}

/**
 * Runs every node as soon as everything it waits for has completed, so the wall
 * time follows the critical path rather than dependency levels. One scheduler for
 * both directions: `start` walks dependencies first, `stop` dependents first.
 * Never rejects: failures are returned. In 'continue' mode a failed node still
 * releases the nodes waiting on it, so one broken OnStop never blocks the rest.
 * Nodes whose `run` returns no promise complete at once, in the same pass.
 *
 * Bookkeeping is by position in the member list: one index map, then typed arrays
 * for what each node still waits for and whether it began; no per-node sets or maps.
 */
export async function schedule<N extends GraphNodeLike>(
  graph: DependencyGraph<N>,
  options: ScheduleOptions<N>,
): Promise<ScheduleResult<N>> {
  const { direction, onFailure, signal, concurrency = Infinity, run } = options;
  const members = Array.from(options.nodes);
  const count = members.length;
  const index = new Map<N, number>();
  for (let i = 0; i < count; i++) index.set(members[i]!, i);
  const forward = direction === 'start';
  const result: ScheduleResult<N> = { completed: [], failed: [], skipped: [] };

  // How many of its prerequisites each node still waits for; ready ones may begin.
  const remaining = new Int32Array(count);
  const begun = new Uint8Array(count);
  const ready: number[] = [];
  for (let i = 0; i < count; i++) {
    let waiting = 0;
    for (const other of forward ? graph.dependenciesOf(members[i]!) : graph.dependentsOf(members[i]!)) if (index.has(other)) waiting++;
    remaining[i] = waiting;
    if (waiting === 0) ready.push(i);
  }

  let head = 0;
  let running = 0;
  let halted = false;
  const complete = (i: number, failed: boolean, error: unknown): void => {
    if (failed) {
      result.failed.push({ node: members[i]!, error });
      if (onFailure === 'halt') {
        halted = true;
        return;
      }
    } else {
      result.completed.push(members[i]!);
    }
    for (const next of forward ? graph.dependentsOf(members[i]!) : graph.dependenciesOf(members[i]!)) {
      const j = index.get(next);
      if (j !== undefined && --remaining[j]! === 0) ready.push(j);
    }
  };

  // Nodes in flight report here as they settle; the loop takes them in that order.
  let settled: number[] = [];
  const errors = new Map<number, unknown>();
  let wake: (() => void) | undefined;
  const land = (i: number): void => {
    settled.push(i);
    wake?.();
    wake = undefined;
  };

  for (;;) {
    // Begin every node that may begin now: not halted or aborted, within the concurrency.
    while (!halted && head < ready.length && running < concurrency) {
      if (signal?.aborted) {
        halted = true;
        break;
      }
      const i = ready[head++]!;
      begun[i] = 1;
      let outcome: Promise<void> | void;
      try {
        outcome = run(members[i]!);
      } catch (error) {
        complete(i, true, error);
        continue;
      }
      if (!outcome || typeof outcome.then !== 'function') {
        complete(i, false, undefined);
        continue;
      }
      running++;
      outcome.then(
        () => land(i),
        (error: unknown) => {
          errors.set(i, error);
          land(i);
        },
      );
    }
    // Nothing in flight: nothing more can begin either (halted, or every node is done or blocked).
    if (running === 0) break;
    if (settled.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const batch = settled;
    settled = [];
    for (const i of batch) {
      running--;
      complete(i, errors.has(i), errors.get(i));
    }
  }

  for (let i = 0; i < count; i++) if (begun[i] === 0) result.skipped.push(members[i]!);
  return result;
}
