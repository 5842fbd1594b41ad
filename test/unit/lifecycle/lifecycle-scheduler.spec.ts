import { DependencyGraph } from '../../../src/lifecycle/dependency-graph';
import { schedule as scheduleNodes, type ScheduleOptions as NodeOptions } from '../../../src/lifecycle/lifecycle-scheduler';

type ScheduleOptions<N> = Omit<NodeOptions<N>, 'begin'> & { run: (node: N) => Promise<void> | void };

/** The scheduler with each node run as a function whose promise (or plain return) ends it. */
function schedule<N extends { name: string }>(graph: DependencyGraph<N>, { run, ...options }: ScheduleOptions<N>) {
  return scheduleNodes(graph, {
    ...options,
    begin(node, report) {
      const outcome = run(node);
      if (!outcome) return report.completed(node);
      outcome.then(
        () => report.completed(node),
        (error: unknown) => report.failed(node, error),
      );
    },
  });
}
import { VirtualClock } from '../../helpers/virtual-clock';

interface Task {
  name: string;
  ms: number;
  fail?: boolean;
}

/** `edges`: "A->B" means A depends on B. `delays`: "A=100 B=10 C!=5" (! fails after its delay). */
function setup(edges: string, delays: string) {
  const tasks = new Map<string, Task>();
  for (const entry of delays.split(/\s+/).filter(Boolean)) {
    const [name, ms] = entry.split('=') as [string, string];
    const fail = name.endsWith('!');
    const clean = fail ? name.slice(0, -1) : name;
    tasks.set(clean, { name: clean, ms: Number(ms), fail });
  }
  const graph = new DependencyGraph<Task>();
  for (const task of tasks.values()) graph.add(task);
  for (const edge of edges.split(/\s+/).filter(Boolean)) {
    const [from, to] = edge.split('->') as [string, string];
    graph.addEdge(tasks.get(from)!, tasks.get(to)!);
  }
  const clock = new VirtualClock();
  const calls: string[] = [];
  const run = async (task: Task) => {
    calls.push(`${task.name}:begin@${clock.now()}`);
    await clock.sleep(task.ms);
    calls.push(`${task.name}:end@${clock.now()}`);
    if (task.fail) throw new Error(`${task.name} broke`);
  };
  const go = async (options: Partial<ScheduleOptions<Task>> & Pick<ScheduleOptions<Task>, 'direction'>) => {
    const result = await clock.run(schedule(graph, { nodes: tasks.values(), run, onFailure: 'halt', ...options }));
    return {
      completed: result.completed.map((t) => t.name),
      failed: result.failed.map((f) => `${f.node.name}: ${(f.error as Error).message}`),
      skipped: result.skipped.map((t) => t.name),
      makespan: clock.now(),
    };
  };
  return { graph, tasks, calls, clock, go };
}

describe('schedule', () => {
  describe('start', () => {
    it('begins a node as soon as its dependencies completed, so wall time is the critical path', async () => {
      // Level-by-level would take max(100, 10) + max(100, 10) = 200; the critical path is 110.
      const { go, calls } = setup('F2->S1 S2->F1', 'S1=100 F1=10 S2=100 F2=10');

      const result = await go({ direction: 'start' });

      expect(result.makespan).toBe(110);
      expect(calls).toEqual([
        'S1:begin@0',
        'F1:begin@0',
        'F1:end@10',
        'S2:begin@10',
        'S1:end@100',
        'F2:begin@100',
        'S2:end@110',
        'F2:end@110',
      ]);
    });

    it('runs independent nodes concurrently', async () => {
      const { go } = setup('', 'A=50 B=50 C=50');

      expect((await go({ direction: 'start' })).makespan).toBe(50);
    });

    it('runs at most `concurrency` nodes at once', async () => {
      const { go, calls } = setup('', 'A=50 B=50 C=50');

      const result = await go({ direction: 'start', concurrency: 2 });

      expect(result.makespan).toBe(100);
      expect(calls.filter((c) => c.includes('begin'))).toEqual(['A:begin@0', 'B:begin@0', 'C:begin@50']);
    });

    it('waits only for dependencies inside the scheduled set', async () => {
      const { go, tasks, calls } = setup('B->A', 'A=50 B=10');

      await go({ direction: 'start', nodes: [tasks.get('B')!] });

      expect(calls).toEqual(['B:begin@0', 'B:end@10']);
    });

    it('ignores a neighbour outside the set that took part in an earlier run at the same position', async () => {
      // C depends on D. C's first run leaves it at position 0, D's position in the second run: a
      // neighbour read as a member by its stale position would make D wait for itself.
      const { go, tasks } = setup('C->D', 'C=5 D=10 E=10');
      await go({ direction: 'start', nodes: [tasks.get('C')!] });

      const second = await go({ direction: 'start', nodes: [tasks.get('D')!, tasks.get('E')!] });

      expect(second.completed).toEqual(['D', 'E']);
      expect(second.skipped).toEqual([]);
    });

    it("on failure in 'halt' mode begins nothing new, awaits what is running and skips the rest", async () => {
      const { go, calls } = setup('C->A D->B', 'A!=10 B=30 C=5 D=5');

      const result = await go({ direction: 'start' });

      expect(calls).toEqual(['A:begin@0', 'B:begin@0', 'A:end@10', 'B:end@30']);
      expect(result).toEqual({ completed: ['B'], failed: ['A: A broke'], skipped: ['C', 'D'], makespan: 30 });
    });

    it('records a synchronous throw of run() as a failure', async () => {
      const graph = new DependencyGraph<{ name: string }>();
      const a = { name: 'A' };
      graph.add(a);

      const result = await schedule(graph, {
        direction: 'start',
        nodes: [a],
        onFailure: 'halt',
        run: () => {
          throw new Error('sync');
        },
      });

      expect(result.failed.map((f) => (f.error as Error).message)).toEqual(['sync']);
    });

    it('passes synchronous nodes through without waiting and keeps dependency order', async () => {
      const graph = new DependencyGraph<{ name: string }>();
      const [a, b, c] = ['A', 'B', 'C'].map((name) => ({ name })) as [{ name: string }, { name: string }, { name: string }];
      graph.addEdge(c, b);
      graph.addEdge(b, a);
      const calls: string[] = [];

      const result = await schedule(graph, {
        direction: 'start',
        nodes: [c, b, a],
        onFailure: 'halt',
        run: (n) => void calls.push(n.name),
      });

      expect(calls).toEqual(['A', 'B', 'C']);
      expect(result.completed.map((n) => n.name)).toEqual(['A', 'B', 'C']);
    });

    it('begins nothing new once the signal is aborted, and awaits running nodes', async () => {
      const { go, calls, clock } = setup('B->A', 'A=10 B=10');
      const controller = new AbortController();
      void clock.sleep(5).then(() => controller.abort());

      const result = await go({ direction: 'start', signal: controller.signal });

      expect(calls).toEqual(['A:begin@0', 'A:end@10']);
      expect(result.skipped).toEqual(['B']);
    });

    it('resolves at once with everything skipped for an already aborted signal', async () => {
      const { go, calls } = setup('', 'A=10');

      const result = await go({ direction: 'start', signal: AbortSignal.abort() });

      expect(calls).toEqual([]);
      expect(result.skipped).toEqual(['A']);
    });

    it('orders a dense graph (more edges than nodes several times over) both ways', async () => {
      // Every node depends on every earlier one: 66 edges among 12 nodes, beyond the room the
      // scheduler sets aside for a few edges per node, so its edge list grows during the count.
      const nodes = Array.from({ length: 12 }, (_, i) => ({ name: `N${i}` }));
      const graph = new DependencyGraph<{ name: string }>();
      for (const node of nodes) graph.add(node);
      for (let i = 0; i < nodes.length; i++) for (let j = 0; j < i; j++) graph.addEdge(nodes[i]!, nodes[j]!);
      const names = nodes.map((n) => n.name);
      const order = (direction: 'start' | 'stop') => {
        const calls: string[] = [];
        const done = schedule(graph, {
          direction,
          nodes: [...nodes].reverse(),
          onFailure: 'halt',
          run: async (n) => void calls.push(n.name),
        });
        return done.then((result) => ({ calls, completed: result.completed.map((n) => n.name) }));
      };

      expect(await order('start')).toEqual({ calls: names, completed: names });
      expect(await order('stop')).toEqual({ calls: [...names].reverse(), completed: [...names].reverse() });
    });

    it('resolves for an empty set of nodes', async () => {
      const { go } = setup('', '');

      expect(await go({ direction: 'start' })).toEqual({ completed: [], failed: [], skipped: [], makespan: 0 });
    });
  });

  describe('stop', () => {
    it('begins a node once every dependent completed, so wall time is the critical path', async () => {
      const { go, calls } = setup('F2->S1 S2->F1', 'S1=100 F1=10 S2=100 F2=10');

      const result = await go({ direction: 'stop', onFailure: 'continue' });

      expect(result.makespan).toBe(110);
      expect(calls).toEqual([
        'S2:begin@0',
        'F2:begin@0',
        'F2:end@10',
        'S1:begin@10',
        'S2:end@100',
        'F1:begin@100',
        'S1:end@110',
        'F1:end@110',
      ]);
    });

    it("in 'continue' mode a failed node still releases what waits on it", async () => {
      const { go, calls } = setup('Api->Db Worker->Db', 'Api!=10 Worker=20 Db=5');

      const result = await go({ direction: 'stop', onFailure: 'continue' });

      expect(calls).toEqual(['Api:begin@0', 'Worker:begin@0', 'Api:end@10', 'Worker:end@20', 'Db:begin@20', 'Db:end@25']);
      expect(result).toEqual({ completed: ['Worker', 'Db'], failed: ['Api: Api broke'], skipped: [], makespan: 25 });
    });
  });
});
