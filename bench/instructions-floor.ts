/**
 * The floor under keel's start+stop, for the instructions mode: keel's own built
 * application (the same graph, instances and hooks, in the same heap), started and
 * stopped by the least a dependency-ordered scheduler can do with promises: a count of
 * unmet prerequisites per node, each hook called and its promise subscribed to with one
 * closure, its dependents begun when it settles. No status, clock, deadline, critical
 * path, event, failure handling or stop budget: what keel's scheduler costs above this
 * is the price of those, and this is what Node (promises, microtasks, GC) costs anyway.
 */

/** The parts of keel's internal graph and nodes this reads (not public API: a measurement aid). */
interface FloorNode {
  readonly hooks: { start: readonly FloorHook[]; stop: readonly FloorHook[] };
}
interface FloorHook {
  readonly instance: object;
  readonly method: (this: object) => unknown;
}
interface FloorGraph {
  readonly nodes: readonly FloorNode[];
  dependenciesOf(node: FloorNode): readonly FloorNode[];
  dependentsOf(node: FloorNode): readonly FloorNode[];
}

/** Starts, then stops, every node of `app`'s graph (a keel Application) with the minimal scheduler. */
export async function runFloor(app: unknown): Promise<void> {
  const graph = (app as { services: { graph: FloorGraph } }).services.graph;
  await runPhase(graph, true);
  await runPhase(graph, false);
}

function runPhase(graph: FloorGraph, forward: boolean): Promise<void> {
  const nodes = graph.nodes;
  const index = new Map<FloorNode, number>();
  for (let i = 0; i < nodes.length; i++) index.set(nodes[i]!, i);
  const remaining = new Int32Array(nodes.length);
  let left = nodes.length;
  return new Promise((resolve) => {
    const begin = (node: FloorNode): void => {
      const hooks = forward ? node.hooks.start : node.hooks.stop;
      if (hooks.length === 0) return done(node);
      const hook = hooks[0]!;
      void Promise.resolve(hook.method.call(hook.instance)).then(() => done(node));
    };
    const done = (node: FloorNode): void => {
      left--;
      const held = forward ? graph.dependentsOf(node) : graph.dependenciesOf(node);
      for (let k = 0; k < held.length; k++) if (--remaining[index.get(held[k]!)!]! === 0) begin(held[k]!);
      if (left === 0) resolve();
    };
    const ready: FloorNode[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const waits = forward ? graph.dependenciesOf(nodes[i]!) : graph.dependentsOf(nodes[i]!);
      remaining[i] = waits.length;
      if (waits.length === 0) ready.push(nodes[i]!);
    }
    if (nodes.length === 0) resolve();
    for (const node of ready) begin(node);
  });
}
