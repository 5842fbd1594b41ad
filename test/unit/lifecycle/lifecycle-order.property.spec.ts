import { checkRandomDag, criticalPath, generate } from '../../helpers/random-dag-check';

describe('lifecycle order on random graphs (property)', () => {
  it('violates no edge and takes exactly the critical path, at start and at stop, on 600 seeded DAGs', async () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= 600; seed++) problems.push(...(await checkRandomDag(seed)));

    expect(problems).toEqual([]);
  });

  it('violates no edge under a random startConcurrency cap, on 150 seeded DAGs', async () => {
    const problems: string[] = [];
    for (let seed = 10_001; seed <= 10_150; seed++) problems.push(...(await checkRandomDag(seed, 1 + (seed % 3))));

    expect(problems).toEqual([]);
  });

  it('generates graphs that exercise what the property is about', () => {
    const graphs = Array.from({ length: 600 }, (_, i) => generate(i + 1));
    const nodes = graphs.flat();

    expect({
      withEdges: graphs.filter((g) => g.some((n) => n.deps.length > 0)).length > 450,
      hookless: nodes.filter((n) => n.start === undefined && n.stop === undefined).length > 50,
      kinds: [...new Set(nodes.map((n) => n.kind))].sort(),
      deepChains: graphs.filter((g) => criticalPath(g, () => 1) >= 4).length > 100,
    }).toEqual({ withEdges: true, hookless: true, kinds: ['constructor', 'factory', 'property'], deepChains: true });
  });
});
