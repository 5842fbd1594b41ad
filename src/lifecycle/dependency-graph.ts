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
   */
  private readonly edgesOf = new Map<N, { deps: N[]; dependents: N[] }>();
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
    if (this.edgesOf.has(node)) return;
    this.order = undefined;
    this.nodeList = undefined;
    this.edgesOf.set(node, { deps: [], dependents: [] });
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
    this.add(from);
    this.add(to);
    const { deps } = this.edgesOf.get(from)!;
    if (deps.includes(to)) return;
    this.order = undefined;
    deps.push(to);
    this.edgesOf.get(to)!.dependents.push(from);
  }

  /** What `node` depends on, in the order the edges were added. */
  dependenciesOf(node: N): readonly N[] {
    return this.edgesOf.get(node)?.deps ?? NONE;
  }

  /** What depends on `node`, in the order the edges were added. */
  dependentsOf(node: N): readonly N[] {
    return this.edgesOf.get(node)?.dependents ?? NONE;
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
    const cycle = this.findCycle();
    if (!cycle) return;
    const names = cycle.map((n) => n.name);
    throw new DependencyCycleError(`Dependency cycle: ${names.join(' -> ')}.`, { cycle: names });
  }

  /** Dependencies before dependents; ties keep insertion order. Assumes no cycle. */
  topologicalOrder(): readonly N[] {
    this.order ??= this.computeOrder();
    return this.order;
  }

  private computeOrder(): N[] {
    const remaining = new Map<N, number>();
    const ready: N[] = [];
    for (const [node, { deps }] of this.edgesOf) {
      remaining.set(node, deps.length);
      if (deps.length === 0) ready.push(node);
    }
    const order: N[] = [];
    for (let i = 0; i < ready.length; i++) {
      const node = ready[i]!;
      order.push(node);
      for (const dependent of this.edgesOf.get(node)!.dependents) {
        const left = remaining.get(dependent)! - 1;
        remaining.set(dependent, left);
        if (left === 0) ready.push(dependent);
      }
    }
    return order;
  }
}

const NONE: readonly never[] = Object.freeze([]);

function without<N>(list: N[] | undefined, node: N): void {
  const at = list?.indexOf(node) ?? -1;
  if (at >= 0) list!.splice(at, 1);
}
