import type { ApplicationGraph } from '../lifecycle/describe-graph';
import { BUILT_IN_MODULE } from './start-plan';

export type GraphFormat = 'mermaid' | 'dot' | 'json';

/**
 * The dependency graph in a format: Mermaid (`graph TD`), Graphviz DOT, or JSON
 * (nodes, edges, start order). An edge points from a service to what it depends
 * on. keel's built-in providers and their edges are left out unless `all`.
 */
export function renderGraph(graph: ApplicationGraph, format: GraphFormat, options: { all?: boolean } = {}): string {
  if (options.all) {
    if (format === 'mermaid') return `${graph.toMermaid()}\n`;
    if (format === 'dot') return `${graph.toDot()}\n`;
  }
  const nodes = graph.nodes.filter((n) => options.all === true || n.module !== BUILT_IN_MODULE);
  const names = new Set(nodes.map((n) => n.name));
  const edges = graph.edges.filter((e) => names.has(e.from) && names.has(e.to));
  const startOrder = graph.startOrder.filter((name) => names.has(name));
  switch (format) {
    case 'json':
      return `${JSON.stringify({ nodes, edges, startOrder }, null, 2)}\n`;
    case 'dot': {
      const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      return `${['digraph keel {', ...nodes.map((n) => `  ${quote(n.name)};`), ...edges.map((e) => `  ${quote(e.from)} -> ${quote(e.to)};`), '}'].join('\n')}\n`;
    }
    case 'mermaid': {
      const ids = new Map(nodes.map((n, i) => [n.name, `n${i}`]));
      const lines = ['graph TD'];
      for (const n of nodes) lines.push(`  ${ids.get(n.name)}["${n.name.replace(/"/g, '#quot;')}"]`);
      for (const e of edges) lines.push(`  ${ids.get(e.from)} --> ${ids.get(e.to)}`);
      return `${lines.join('\n')}\n`;
    }
  }
}
