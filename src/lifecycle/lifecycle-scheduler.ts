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
 */
export function schedule<N extends GraphNodeLike>(graph: DependencyGraph<N>, options: ScheduleOptions<N>): Promise<ScheduleResult<N>> {
  const members = new Set(options.nodes);
  const waitsFor = (n: N) => (options.direction === 'start' ? graph.dependenciesOf(n) : graph.dependentsOf(n));
  const releases = (n: N) => (options.direction === 'start' ? graph.dependentsOf(n) : graph.dependenciesOf(n));
  const concurrency = options.concurrency ?? Infinity;
  const result: ScheduleResult<N> = { completed: [], failed: [], skipped: [] };

  const remaining = new Map<N, number>();
  const ready: N[] = [];
  for (const node of members) {
    let count = 0;
    for (const other of waitsFor(node)) if (members.has(other)) count++;
    remaining.set(node, count);
    if (count === 0) ready.push(node);
  }

  return new Promise((resolve) => {
    let running = 0;
    let halted = false;
    let pumping = false;
    let settled = false;
    const begun = new Set<N>();

    const finish = (node: N, failure?: { error: unknown }) => {
      running--;
      if (failure) {
        result.failed.push({ node, error: failure.error });
        if (options.onFailure === 'halt') halted = true;
      } else {
        result.completed.push(node);
      }
      if (!failure || options.onFailure === 'continue') {
        for (const next of releases(node)) {
          if (!members.has(next)) continue;
          const left = remaining.get(next)! - 1;
          remaining.set(next, left);
          if (left === 0) ready.push(next);
        }
      }
      // Synchronous completions are picked up by the loop already running; no recursion.
      if (!pumping) pump();
    };

    const pump = () => {
      pumping = true;
      while (true) {
        if (options.signal?.aborted) halted = true;
        if (halted || ready.length === 0 || running >= concurrency) break;
        const node = ready.shift()!;
        begun.add(node);
        running++;
        let outcome: Promise<void> | void;
        try {
          outcome = options.run(node);
        } catch (error) {
          finish(node, { error });
          continue;
        }
        if (outcome && typeof outcome.then === 'function') {
          outcome.then(
            () => finish(node),
            (error: unknown) => finish(node, { error }),
          );
        } else {
          finish(node);
        }
      }
      pumping = false;
      if (!settled && running === 0 && (halted || ready.length === 0)) {
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        for (const node of members) if (!begun.has(node)) result.skipped.push(node);
        resolve(result);
      }
    };
    const onAbort = () => {
      if (!pumping) pump();
    };

    options.signal?.addEventListener('abort', onAbort, { once: true });
    pump();
  });
}
