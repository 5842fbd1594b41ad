import type { DependencyGraph } from './dependency-graph';
import type { ServiceNode } from './service-node';

/**
 * The longest chain of start-hook durations ending at `node`, ms: its own start hooks' time
 * after the longest chain of its dependencies. Stored as `node.pathDuration` and returned.
 * The hook runner calls it as each node starts, when every dependency's figure is final (they
 * started first), so the application's critical path is the largest of these once start is
 * over: no pass of its own over every node and edge after the start, which ran once per start
 * as interpreted code and cost more than this does per node.
 */
export function criticalPathTo(graph: DependencyGraph<ServiceNode>, node: ServiceNode): number {
  const deps = graph.dependenciesOf(node);
  let before = 0;
  // An indexed loop, not for..of: baseline code runs the iterator protocol per element.
  for (let k = 0; k < deps.length; k++) {
    const path = deps[k]!.pathDuration;
    if (path > before) before = path;
  }
  node.pathDuration = before + node.startDuration;
  return node.pathDuration;
}
