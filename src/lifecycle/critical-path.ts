import type { ServiceGraph } from './build-service-graph';

/** The longest chain of start-hook durations through the graph, ms. */
export function criticalPath({ graph }: ServiceGraph): number {
  let max = 0;
  for (const node of graph.topologicalOrder()) {
    let before = 0;
    for (const dep of graph.dependenciesOf(node)) if (dep.pathDuration > before) before = dep.pathDuration;
    node.pathDuration = before + node.startDuration;
    if (node.pathDuration > max) max = node.pathDuration;
  }
  return max;
}
