import type { DependencyGraph } from './dependency-graph';
import type { ServiceNode, ServiceStatus } from './service-node';

export interface GraphNodeInfo {
  name: string;
  module: string;
  scope: 'singleton' | 'transient';
  status: ServiceStatus;
  onStart: string[];
  onStop: string[];
}

/** A snapshot of the application graph. An edge `{ from, to }` means `from` depends on `to`. */
export interface ApplicationGraph {
  nodes: GraphNodeInfo[];
  edges: { from: string; to: string }[];
  /** One valid start order (dependencies first); stop runs the reverse. */
  startOrder: string[];
  toMermaid(): string;
  toDot(): string;
}

export function describeGraph(graph: DependencyGraph<ServiceNode>): ApplicationGraph {
  const nodes = graph.nodes.map((n) => ({
    name: n.name,
    module: n.binding.module,
    scope: n.binding.scope,
    status: n.status,
    onStart: n.hooks.start.map((h) => h.label),
    onStop: n.hooks.stop.map((h) => h.label),
  }));
  const edges = graph.edges().map(([from, to]) => ({ from: from.name, to: to.name }));
  const startOrder = graph.topologicalOrder().map((n) => n.name);
  return {
    nodes,
    edges,
    startOrder,
    toMermaid: () => {
      const id = idsFor(nodes.map((n) => n.name));
      const lines = ['graph TD'];
      for (const n of nodes) lines.push(`  ${id(n.name)}["${n.name.replace(/"/g, '#quot;')}"]`);
      for (const e of edges) lines.push(`  ${id(e.from)} --> ${id(e.to)}`);
      return lines.join('\n');
    },
    toDot: () => {
      const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      const lines = ['digraph keel {'];
      for (const n of nodes) lines.push(`  ${quote(n.name)};`);
      for (const e of edges) lines.push(`  ${quote(e.from)} -> ${quote(e.to)};`);
      lines.push('}');
      return lines.join('\n');
    },
  };
}

function idsFor(names: string[]): (name: string) => string {
  const ids = new Map(names.map((name, i) => [name, `n${i}`]));
  return (name) => ids.get(name)!;
}
