import { DependencyCycleError } from '../../../src/errors';
import { DependencyGraph } from '../../../src/lifecycle/dependency-graph';

interface N {
  name: string;
}

function graphOf(edges: string, isolated: string[] = []): { graph: DependencyGraph<N>; node: (name: string) => N } {
  const nodes = new Map<string, N>();
  const node = (name: string) => {
    if (!nodes.has(name)) nodes.set(name, { name });
    return nodes.get(name)!;
  };
  const graph = new DependencyGraph<N>();
  for (const name of isolated) graph.add(node(name));
  for (const edge of edges.split(/\s+/).filter(Boolean)) {
    const [from, to] = edge.split('->') as [string, string];
    graph.addEdge(node(from), node(to));
  }
  return { graph, node };
}

const names = (nodes: readonly N[]) => nodes.map((n) => n.name);

describe('DependencyGraph', () => {
  it('orders dependencies before dependents, ties in insertion order', () => {
    const { graph } = graphOf('Api->Db Api->Cache Cache->Config Db->Config', ['Metrics']);

    expect(names(graph.topologicalOrder())).toEqual(['Metrics', 'Config', 'Cache', 'Db', 'Api']);
  });

  it('finds a cycle as a closed path and leaves out nodes outside it', () => {
    const { graph } = graphOf('Api->Orders Orders->Payments Payments->Ledger Ledger->Orders Api->Logger');

    expect(names(graph.findCycle()!)).toEqual(['Orders', 'Payments', 'Ledger', 'Orders']);
  });

  it('treats a self-edge as a cycle', () => {
    const { graph } = graphOf('A->A');

    expect(names(graph.findCycle()!)).toEqual(['A', 'A']);
  });

  it('reports no cycle for a diamond', () => {
    const { graph } = graphOf('A->B A->C B->D C->D');

    expect(graph.findCycle()).toBeUndefined();
    expect(() => graph.assertAcyclic()).not.toThrow();
  });

  it('throws DependencyCycleError with the full path from assertAcyclic', () => {
    const { graph } = graphOf('OrderService->PaymentService PaymentService->OrderService Unrelated->OrderService');
    let error: unknown;
    try {
      graph.assertAcyclic();
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(DependencyCycleError);
    expect((error as DependencyCycleError).message).toBe(
      'Dependency cycle: OrderService -> PaymentService -> OrderService.\n' +
        'Hint: move the shared part into a third provider; cycles are never resolved automatically.',
    );
  });

  it('removes a node with every edge touching it', () => {
    const { graph, node } = graphOf('A->B B->C');

    graph.remove(node('B'));

    expect(names(graph.nodes)).toEqual(['A', 'C']);
    expect(graph.edges()).toEqual([]);
    expect(names([...graph.dependentsOf(node('C'))])).toEqual([]);
  });

  it('keeps edge order for nodes with many dependencies and many dependents', () => {
    const many = ['B', 'C', 'D', 'E', 'F', 'G'];
    const { graph, node } = graphOf([...many.map((n) => `A->${n}`), ...many.map((n) => `${n}->Z`), 'A->C', 'B->Z'].join(' '));

    expect(names([...graph.dependenciesOf(node('A'))])).toEqual(many);
    expect(names([...graph.dependentsOf(node('Z'))])).toEqual(many);
    expect(names(graph.topologicalOrder())).toEqual(['Z', ...many, 'A']);
    expect(graph.edges()).toHaveLength(12);
  });

  it('finds a cycle behind acyclic parts, after the start order has been read', () => {
    const { graph } = graphOf('Api->Db Db->Config Jobs->Queue Queue->Worker Worker->Queue');

    expect(graph.topologicalOrder().map((n) => n.name)).toEqual(['Config', 'Db', 'Api']);
    expect(() => graph.assertAcyclic()).toThrow('Dependency cycle: Queue -> Worker -> Queue.');
  });

  it('lists edges as [dependent, dependency] and answers both directions', () => {
    const { graph, node } = graphOf('A->B A->C');

    expect(graph.edges().map(([a, b]) => `${a.name}->${b.name}`)).toEqual(['A->B', 'A->C']);
    expect(names([...graph.dependenciesOf(node('A'))])).toEqual(['B', 'C']);
    expect(names([...graph.dependentsOf(node('C'))])).toEqual(['A']);
  });
});
