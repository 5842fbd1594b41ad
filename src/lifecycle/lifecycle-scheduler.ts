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
 */
export async function schedule<N extends GraphNodeLike>(
  graph: DependencyGraph<N>,
  options: ScheduleOptions<N>,
): Promise<ScheduleResult<N>> {
  const { direction, onFailure, signal, concurrency = Infinity } = options;
  const members = new Set(options.nodes);
  const waitsFor = (n: N) => (direction === 'start' ? graph.dependenciesOf(n) : graph.dependentsOf(n));
  const releases = (n: N) => (direction === 'start' ? graph.dependentsOf(n) : graph.dependenciesOf(n));
  const result: ScheduleResult<N> = { completed: [], failed: [], skipped: [] };

  // How many of its prerequisites each node still waits for; ready ones may begin.
  const remaining = new Map<N, number>();
  const ready: N[] = [];
  for (const node of members) {
    let count = 0;
    for (const other of waitsFor(node)) if (members.has(other)) count++;
    remaining.set(node, count);
    if (count === 0) ready.push(node);
  }

  const begun = new Set<N>();
  let running = 0;
  let halted = false;
  const complete = (node: N, failure?: { error: unknown }): void => {
    if (failure) result.failed.push({ node, error: failure.error });
    else result.completed.push(node);
    if (failure && onFailure === 'halt') {
      halted = true;
      return;
    }
    for (const next of releases(node)) {
      if (!members.has(next)) continue;
      const left = remaining.get(next)! - 1;
      remaining.set(next, left);
      if (left === 0) ready.push(next);
    }
  };

  // Nodes in flight report here as they settle; the loop takes them in that order.
  const settled: { node: N; failure?: { error: unknown } }[] = [];
  let wake: (() => void) | undefined;
  const land = (outcome: { node: N; failure?: { error: unknown } }): void => {
    settled.push(outcome);
    wake?.();
    wake = undefined;
  };

  for (;;) {
    // Begin every node that may begin now: not halted or aborted, within the concurrency.
    while (!halted && ready.length > 0 && running < concurrency) {
      if (signal?.aborted) {
        halted = true;
        break;
      }
      const node = ready.shift()!;
      begun.add(node);
      let outcome: Promise<void> | void;
      try {
        outcome = options.run(node);
      } catch (error) {
        complete(node, { error });
        continue;
      }
      if (!outcome || typeof outcome.then !== 'function') {
        complete(node);
        continue;
      }
      running++;
      outcome.then(
        () => land({ node }),
        (error: unknown) => land({ node, failure: { error } }),
      );
    }
    // Nothing in flight: nothing more can begin either (halted, or every node is done or blocked).
    if (running === 0) break;
    if (settled.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    for (const { node, failure } of settled.splice(0)) {
      running--;
      complete(node, failure);
    }
  }

  for (const node of members) if (!begun.has(node)) result.skipped.push(node);
  return result;
}
