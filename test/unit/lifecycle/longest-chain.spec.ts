import fc from 'fast-check';
import { longestChain } from '../../../src/lifecycle/longest-chain';

describe('longestChain', () => {
  it('follows the longest chain of durations, through names that take no time', () => {
    const deps: Record<string, string[]> = { A: [], B: [], Plain: ['A'], C: ['Plain'], D: ['C', 'B'] };
    const ms: Record<string, number> = { A: 40, B: 50, Plain: 0, C: 12, D: 3 };

    const chain = longestChain({ order: ['A', 'B', 'Plain', 'C', 'D'], waitsFor: (n) => deps[n]!, duration: (n) => ms[n]! });

    expect([chain.totalMs, chain.path, chain.ready.get('D'), chain.finish.get('B')]).toEqual([55, ['A', 'Plain', 'C', 'D'], 52, 50]);
  });

  it('equals the brute-force maximum over all paths of a random DAG', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20), fc.array(fc.nat(), { maxLength: 3 })), { minLength: 1, maxLength: 12 }), (specs) => {
        // Node i may only wait for nodes before it: a DAG in order.
        const names = specs.map((_, i) => `n${i}`);
        const deps = specs.map(([, picks], i) => (i === 0 ? [] : [...new Set(picks.map((p) => `n${p % i}`))]));
        const ms = specs.map(([d]) => d);
        const longest = (i: number): number => ms[i]! + Math.max(0, ...deps[i]!.map((d) => longest(Number(d.slice(1)))));
        const chain = longestChain({ order: names, waitsFor: (n) => deps[Number(n.slice(1))]!, duration: (n) => ms[Number(n.slice(1))]! });
        const pathSum = chain.path.reduce((sum, n) => sum + ms[Number(n.slice(1))]!, 0);
        expect([chain.totalMs, pathSum]).toEqual([Math.max(...names.map((_, i) => longest(i))), chain.totalMs]);
      }),
    );
  });
});
