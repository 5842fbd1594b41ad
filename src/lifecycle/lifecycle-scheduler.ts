import type { DependencyGraph, GraphNodeLike } from './dependency-graph';

/**
 * A node the scheduler can run: `slot` is scratch space the scheduler owns, the node's position in
 * the run it takes part in. A node takes part in one run at a time (its hooks of one phase), so one
 * field serves every run, and a position is found by a field read rather than a map lookup per edge
 * and per report. A neighbour outside the run may hold a position from an earlier one; a run checks
 * `members[slot] === node` before trusting it. A node that has never run may hold -1 or nothing.
 */
export interface SchedulableNode extends GraphNodeLike {
  slot?: number;
}

export type Direction = 'start' | 'stop';

export interface ScheduleOptions<N> {
  /** start: a node waits for its dependencies; stop: for its dependents. */
  direction: Direction;
  /** The nodes taking part; neighbours outside this set are not waited for. */
  nodes: Iterable<N>;
  /** Begins `node`; it ends when `report` hears of it. A synchronous throw is its failure. */
  begin: (node: N, report: NodeReport<N>) => void;
  /** 'halt': after a failure no new node begins (start). 'continue': keep going (stop). */
  onFailure: 'halt' | 'continue';
  /** At most this many nodes run at once; default unlimited. */
  concurrency?: number;
  /**
   * When aborted, no new node begins; running ones are awaited. An AbortSignal, or any object
   * with an `aborted` field: it is read before every node, and AbortSignal's getter is a call
   * into Node's brand checks each time, which a plain field is not.
   */
  signal?: { readonly aborted: boolean };
}

/** How a node reports its end to the scheduler: exactly once, at once or later. */
export interface NodeReport<N> {
  completed(node: N): void;
  failed(node: N, error: unknown): void;
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
 * A node reports its end by a call rather than a promise: the hook runner settles
 * thousands of nodes per start and so allocates no promise of its own per node. A
 * node that reports synchronously releases its dependents in the same pass.
 */
export function schedule<N extends SchedulableNode>(graph: DependencyGraph<N>, options: ScheduleOptions<N>): Promise<ScheduleResult<N>> {
  return new NodeScheduler(graph, options).run();
}

/** Already resolved: a `then` on it runs its callback in the next microtask. */
const RESOLVED = Promise.resolve();

/**
 * Bookkeeping is by position in the member list (kept in each node's `slot`): a typed array of
 * what each node still waits for, and queues of positions; no per-node sets or maps,
 * and no promise or closure per node (a start of thousands of hooks pays for each).
 *
 * A node's report only queues it; one drain per microtask releases what the queued
 * nodes held back and begins what became ready, in report order, as the promise-based
 * loop did after each wake-up. That keeps the per-node call small: V8 then does not
 * optimize (compile) a function that would inline the whole begin path into it. For
 * the same reason drain does as little per node as it can (which nodes began is
 * worked out once, at the end, from the ready queue).
 */
class NodeScheduler<N extends SchedulableNode> implements NodeReport<N> {
  private readonly members: N[];
  /** How many of its prerequisites each node still waits for; ready ones may begin. */
  private readonly remaining: Int32Array;
  /**
   * What each node holds back (its dependents at start, its dependencies at stop), as positions:
   * node i's are `heldBack[heldFrom[i]]` up to `heldBack[heldFrom[i + 1]]`. Positions rather than
   * nodes, so that releasing a node does no map lookup per edge; one flat list, not one per node.
   */
  private readonly heldFrom: Int32Array;
  private readonly heldBack: Int32Array;
  // The two queues are typed arrays of fixed size with an end index, not arrays pushed to: every
  // node enters each at most once, and a store costs less than a call to push in baseline code.
  /** Positions that may begin, in the order they became ready; `head` is the next to begin. */
  private readonly ready: Int32Array;
  private readyEnd = 0;
  private head = 0;
  /** Nodes that ended and release the nodes waiting on them (a failure in 'halt' mode does not). */
  private readonly released: Int32Array;
  private releasedEnd = 0;
  private releasedHead = 0;
  private readonly result: ScheduleResult<N> = { completed: [], failed: [], skipped: [] };
  private running = 0;
  /** No new node begins: a failure in 'halt' mode, or the signal aborted. */
  private halted = false;
  /** True while a drain runs or is queued: a report then only queues its node. */
  private draining = false;
  private readonly drainLater = (): void => this.pump();
  private finish: ((result: ScheduleResult<N>) => void) | undefined;

  constructor(
    graph: DependencyGraph<N>,
    private readonly options: ScheduleOptions<N>,
  ) {
    const members = Array.from(options.nodes);
    const count = members.length;
    this.members = members;
    this.remaining = new Int32Array(count);
    const heldFrom = new Int32Array(count + 1);
    const ready = new Int32Array(count);
    this.heldFrom = heldFrom;
    this.ready = ready;
    this.released = new Int32Array(count);
    const { remaining } = this;
    const forward = options.direction === 'start';
    for (let i = 0; i < count; i++) members[i]!.slot = i;
    // Each node's held-back neighbours that take part become positions, and
    // each counts one more prerequisite to wait for. Room for a few edges per node, doubled when
    // full. Indexed loops, not for..of: baseline code runs the iterator protocol per element.
    // The room in a local: a typed array's length is a getter, a call per read in baseline code.
    let room = 4 * count + 4;
    let heldBack: Int32Array = new Int32Array(room);
    let edges = 0;
    for (let i = 0; i < count; i++) {
      heldFrom[i] = edges;
      const held = forward ? graph.dependentsOf(members[i]!) : graph.dependenciesOf(members[i]!);
      for (let k = 0; k < held.length; k++) {
        const neighbour = held[k]!;
        const j = neighbour.slot;
        if (j === undefined || j < 0 || members[j] !== neighbour) continue;
        if (edges === room) heldBack = grown(heldBack, (room *= 2));
        heldBack[edges++] = j;
        remaining[j]!++;
      }
    }
    heldFrom[count] = edges;
    this.heldBack = heldBack;
    let readyEnd = 0;
    for (let i = 0; i < count; i++) if (remaining[i] === 0) ready[readyEnd++] = i;
    this.readyEnd = readyEnd;
  }

  run(): Promise<ScheduleResult<N>> {
    const done = new Promise<ScheduleResult<N>>((resolve) => (this.finish = resolve));
    this.pump();
    return done;
  }

  /**
   * Drains, then ends the run when nothing is in flight (nothing more can begin either:
   * halted, or every node is done or blocked). The end is checked here, not in drain():
   * V8 optimizes drain() during a large start, and an access there that has never run
   * (the end comes once per phase) throws that code away at the end of the start,
   * so the stop would pay for optimizing drain() a second time.
   */
  private pump(): void {
    this.drain();
    if (this.running === 0) this.end();
  }

  completed(node: N): void {
    this.result.completed.push(node);
    this.released[this.releasedEnd++] = node.slot!;
    // Written out here and in failed(), not a shared method: this runs per node, where a call
    // costs more than these lines, and V8 optimizes a tiny hot method at every start.
    this.running--;
    if (this.draining) return;
    this.draining = true;
    void RESOLVED.then(this.drainLater);
  }

  failed(node: N, error: unknown): void {
    this.result.failed.push({ node, error });
    if (this.options.onFailure === 'halt') this.halted = true;
    else this.released[this.releasedEnd++] = node.slot!;
    this.running--;
    if (this.draining) return;
    this.draining = true;
    void RESOLVED.then(this.drainLater);
  }

  /**
   * Releases the nodes waiting on every queued one and begins every node that may
   * begin now (not halted or aborted, within the concurrency), until neither is left:
   * nodes that end synchronously release theirs in the same pass.
   */
  private drain(): void {
    const { ready, released, remaining, members, heldFrom, heldBack, options } = this;
    const { begin, signal } = options;
    const concurrency = options.concurrency ?? Infinity;
    // Only drain moves the two queue heads and appends to the ready queue (a report during a begin only
    // appends to the released one): locals, stored back at the end.
    let { head, releasedHead, readyEnd } = this;
    this.draining = true;
    do {
      while (releasedHead < this.releasedEnd) {
        const at = released[releasedHead++]!;
        const to = heldFrom[at + 1]!;
        for (let k = heldFrom[at]!; k < to; k++) {
          const j = heldBack[k]!;
          if (--remaining[j]! === 0) ready[readyEnd++] = j;
        }
      }
      while (!this.halted && head < readyEnd && this.running < concurrency) {
        if (signal !== undefined && signal.aborted) {
          this.halted = true;
          break;
        }
        const node = members[ready[head++]!]!;
        this.running++;
        try {
          begin(node, this);
        } catch (error) {
          this.failed(node, error);
        }
      }
    } while (releasedHead < this.releasedEnd);
    this.head = head;
    this.readyEnd = readyEnd;
    this.releasedHead = releasedHead;
    this.draining = false;
  }

  private end(): void {
    const { members, ready, result } = this;
    // Every node began (a phase that went through): none was skipped, no need to look for them.
    if (this.head === members.length) return this.finish!(result);
    // The nodes that began are the first `head` of the ready queue, in the order they began.
    const begun = new Uint8Array(members.length);
    for (let k = 0; k < this.head; k++) begun[ready[k]!] = 1;
    for (let i = 0; i < members.length; i++) if (begun[i] === 0) result.skipped.push(members[i]!);
    this.finish!(result);
  }
}

/** `list` copied into one of `length`. */
function grown(list: Int32Array, length: number): Int32Array {
  const larger = new Int32Array(length);
  larger.set(list);
  return larger;
}
