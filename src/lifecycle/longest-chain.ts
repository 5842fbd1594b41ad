/** A dependency graph by name, seen in one direction: `waitsFor(name)` must finish before `name` begins. */
export interface ChainInput {
  /** Every name, each after everything it waits for (start order for start; its reverse for stop). */
  order: readonly string[];
  waitsFor: (name: string) => Iterable<string>;
  /** Milliseconds `name` takes once it may begin (0 for a service without hooks). */
  duration: (name: string) => number;
}

export interface Chain {
  /** Length of the longest chain, ms: the least wall time the whole phase can take. */
  totalMs: number;
  /** The names along it, first to last (names taking 0 ms included: order flows through them). */
  path: string[];
  /** When each name would finish with unlimited concurrency, ms from the phase's beginning. */
  finish: Map<string, number>;
  /** When each name may begin: the finish of the latest thing it waits for. */
  ready: Map<string, number>;
}

/**
 * The longest chain of durations through a DAG: what start (or stop) takes when
 * every service begins as soon as what it waits for has finished. Ties between
 * predecessors go to the one earlier in `order`, so the answer is stable for a given graph.
 */
export function longestChain({ order, waitsFor, duration }: ChainInput): Chain {
  const finish = new Map<string, number>();
  const ready = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  let last: string | undefined;
  for (const name of order) {
    let before = 0;
    let from: string | undefined;
    for (const other of waitsFor(name)) {
      const at = finish.get(other);
      if (at !== undefined && (from === undefined || at > before)) {
        before = at;
        from = other;
      }
    }
    const end = before + duration(name);
    ready.set(name, before);
    finish.set(name, end);
    via.set(name, from);
    // On a tie the later name wins: the chain runs on through what takes no time after it.
    if (last === undefined || end >= finish.get(last)!) last = name;
  }
  const path: string[] = [];
  for (let at = last; at !== undefined; at = via.get(at)) path.unshift(at);
  return { totalMs: last === undefined ? 0 : finish.get(last)!, path, finish, ready };
}
