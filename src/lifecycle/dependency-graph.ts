import { DependencyCycleError } from '../errors';

/** Anything the graph can order: it only needs a name for messages and diagrams. */
export interface GraphNodeLike {
  readonly name: string;
}

/**
 * A directed graph where an edge `a -> b` means "a depends on b". It is the single
 * source of truth for order: start follows edges backwards (b before a), stop forwards.
 */
export class DependencyGraph<N extends GraphNodeLike> {
  /**
   * Each node's edges as two small arrays in one entry: a service has a handful of
   * dependencies, and arrays cost a fraction of a Set in memory and in GC work at
   * thousands of nodes. A duplicate edge is caught on the dependency side, which is short.
   * A node without edges shares one empty array (see `appended`).
   */
  private readonly edgesOf = new Map<N, Edges<N>>();
  private order: N[] | undefined;
  private nodeList: readonly N[] | undefined;

  /** Every node in insertion order (the same array until the graph changes). */
  get nodes(): readonly N[] {
    this.nodeList ??= [...this.edgesOf.keys()];
    return this.nodeList;
  }

  has(node: N): boolean {
    return this.edgesOf.has(node);
  }

  add(node: N): void {
    this.entryOf(node);
  }

  /** Removes a node and every edge touching it. */
  remove(node: N): void {
    const entry = this.edgesOf.get(node);
    if (!entry) return;
    for (const dep of entry.deps) without(this.edgesOf.get(dep)?.dependents, node);
    for (const dependent of entry.dependents) without(this.edgesOf.get(dependent)?.deps, node);
    this.edgesOf.delete(node);
    this.order = undefined;
    this.nodeList = undefined;
  }

  /** Records that `from` depends on `to`; both are added if missing. Self-edges are cycles. */
  addEdge(from: N, to: N): void {
    const source = this.entryOf(from);
    const target = this.entryOf(to);
    if (source.deps.includes(to)) return;
    this.order = undefined;
    source.deps = appended(source.deps, to);
    target.dependents = appended(target.dependents, from);
  }

  /** What `node` depends on, in the order the edges were added. */
  dependenciesOf(node: N): readonly N[] {
    return this.edgesOf.get(node)?.deps ?? NONE;
  }

  /** What depends on `node`, in the order the edges were added. */
  dependentsOf(node: N): readonly N[] {
    return this.edgesOf.get(node)?.dependents ?? NONE;
  }

  private entryOf(node: N): Edges<N> {
    let entry = this.edgesOf.get(node);
    if (entry === undefined) {
      this.order = undefined;
      this.nodeList = undefined;
      entry = { deps: NO_EDGES, dependents: NO_EDGES, pending: 0 };
      this.edgesOf.set(node, entry);
    }
    return entry;
  }

  /** Every edge as [dependent, dependency]. */
  edges(): [N, N][] {
    const result: [N, N][] = [];
    for (const [from, { deps }] of this.edgesOf) for (const to of deps) result.push([from, to]);
    return result;
  }

  /** The first cycle found, as a closed path of nodes (`[a, b, a]`), or undefined. */
  findCycle(): N[] | undefined {
    const state = new Map<N, 'open' | 'done'>();
    const stack: N[] = [];
    const visit = (node: N): N[] | undefined => {
      state.set(node, 'open');
      stack.push(node);
      for (const dep of this.dependenciesOf(node)) {
        const s = state.get(dep);
        if (s === 'open') return [...stack.slice(stack.indexOf(dep)), dep];
        if (s === undefined) {
          const found = visit(dep);
          if (found) return found;
        }
      }
      stack.pop();
      state.set(node, 'done');
      return undefined;
    };
    for (const node of this.edgesOf.keys()) {
      if (state.has(node)) continue;
      const found = visit(node);
      if (found) return found;
    }
    return undefined;
  }

  /** Throws DependencyCycleError naming the full cycle, if there is one. */
  assertAcyclic(): void {
    // The order is needed anyway and is one pass without a map of visit states; it misses
    // exactly the nodes on or behind a cycle, so the search that names one runs only then.
    if (this.topologicalOrder().length === this.edgesOf.size) return;
    const cycle = this.findCycle();
    if (!cycle) return;
    const names = cycle.map((n) => n.name);
    throw new DependencyCycleError(`Dependency cycle: ${names.join(' -> ')}.`, { cycle: names });
  }

  /** Dependencies before dependents; ties keep insertion order. Leaves out the nodes on or behind a cycle. */
  topologicalOrder(): readonly N[] {
    this.order ??= this.computeOrder();
    return this.order;
  }

  // Kahn's algorithm; the nodes become ready in the order they are emitted, so the ready list is the order.
  // Unmet-dependency counts live on the entries (one map lookup per edge, no map of their own).
  private computeOrder(): N[] {
    const ready: N[] = [];
    this.edgesOf.forEach((entry, node) => {
      entry.pending = entry.deps.length;
      if (entry.pending === 0) ready.push(node);
    });
    for (let i = 0; i < ready.length; i++) {
      const dependents = this.edgesOf.get(ready[i]!)!.dependents;
      for (let j = 0; j < dependents.length; j++) {
        const entry = this.edgesOf.get(dependents[j]!)!;
        if (--entry.pending === 0) ready.push(dependents[j]!);
      }
    }
    return ready;
  }
}

interface Edges<N> {
  deps: N[];
  dependents: N[];
  /** Scratch for computeOrder: dependencies not yet ordered. */
  pending: number;
}

const NONE: readonly never[] = Object.freeze([]);
/** The edge list of every node that has none yet; `appended` replaces it, never writes to it. */
const NO_EDGES: never[] = [];
/**
 * `list` with `item` at its end. A short list is replaced by an exact-size literal
 * rather than pushed to: V8 gives an array its first push room for 17 elements,
 * which for the 2 or 3 edges of a typical service is most of what the graph holds
 * per service at thousands of nodes (and promotes into the old generation). A
 * long list (a logger everything injects) is pushed to, so adding stays linear.
 * Literals, not concat(): concat is a call into the runtime, a literal is inline.
 */
function appended<N>(list: N[], item: N): N[] {
  switch (list.length) {
    case 0:
      return [item];
    case 1:
      return [list[0]!, item];
    case 2:
      return [list[0]!, list[1]!, item];
    case 3:
      return [list[0]!, list[1]!, list[2]!, item];
    default:
      list.push(item);
      return list;
  }
}

function without<N>(list: N[] | undefined, node: N): void {
  const at = list?.indexOf(node) ?? -1;
  if (at >= 0) list!.splice(at, 1);
}
