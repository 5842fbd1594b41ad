import type { ServiceGraph } from './build-service-graph';

/** The longest chain of start-hook durations through the graph, ms. */
export function criticalPath({ graph }: ServiceGraph): number {
  let max = 0;
  const order = graph.topologicalOrder();
  // Indexed loops, not for..of: this runs once per start over every node and edge,
  // as unoptimized code, where for..of runs the iterator protocol per element.
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    const deps = graph.dependenciesOf(node);
    let before = 0;
    for (let k = 0; k < deps.length; k++) if (deps[k]!.pathDuration > before) before = deps[k]!.pathDuration;
    node.pathDuration = before + node.startDuration;
    if (node.pathDuration > max) max = node.pathDuration;
  }
  return max;
}
