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
  private readonly deps = new Map<N, Set<N>>();
  private readonly dependents = new Map<N, Set<N>>();
  private order: N[] | undefined;

  get nodes(): readonly N[] {
    return [...this.deps.keys()];
  }

  has(node: N): boolean {
    return this.deps.has(node);
  }

  add(node: N): void {
    if (this.deps.has(node)) return;
    this.order = undefined;
    this.deps.set(node, new Set());
    this.dependents.set(node, new Set());
  }

  /** Removes a node and every edge touching it. */
  remove(node: N): void {
    for (const dep of this.deps.get(node) ?? []) this.dependents.get(dep)?.delete(node);
    for (const dependent of this.dependents.get(node) ?? []) this.deps.get(dependent)?.delete(node);
    this.deps.delete(node);
    this.dependents.delete(node);
    this.order = undefined;
  }

  /** Records that `from` depends on `to`; both are added if missing. Self-edges are cycles. */
  addEdge(from: N, to: N): void {
    this.add(from);
    this.add(to);
    this.order = undefined;
    this.deps.get(from)!.add(to);
    this.dependents.get(to)!.add(from);
  }

  dependenciesOf(node: N): ReadonlySet<N> {
    return this.deps.get(node) ?? new Set();
  }

  dependentsOf(node: N): ReadonlySet<N> {
    return this.dependents.get(node) ?? new Set();
  }

  /** Every edge as [dependent, dependency]. */
  edges(): [N, N][] {
    const result: [N, N][] = [];
    for (const [from, tos] of this.deps) for (const to of tos) result.push([from, to]);
    return result;
  }

  /** The first cycle found, as a closed path of nodes (`[a, b, a]`), or undefined. */
  findCycle(): N[] | undefined {
    const state = new Map<N, 'open' | 'done'>();
    const stack: N[] = [];
    const visit = (node: N): N[] | undefined => {
      state.set(node, 'open');
      stack.push(node);
      for (const dep of this.deps.get(node) ?? []) {
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
    for (const node of this.deps.keys()) {
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
    for (const [node, deps] of this.deps) {
      remaining.set(node, deps.size);
      if (deps.size === 0) ready.push(node);
    }
    const order: N[] = [];
    for (let i = 0; i < ready.length; i++) {
      const node = ready[i]!;
      order.push(node);
      for (const dependent of this.dependents.get(node)!) {
        const left = remaining.get(dependent)! - 1;
        remaining.set(dependent, left);
        if (left === 0) ready.push(dependent);
      }
    }
    return order;
  }
}
