// Random DAG lifecycle checks, shared by the unit property test and reliability scenario 14.
import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { OnStart, OnStop } from '../../src/lifecycle/hook-decorators';
import type { LifecycleEvent } from '../../src/lifecycle/lifecycle-events';
import { Module, type ModuleClass } from '../../src/module/module-decorator';
import type { Provider } from '../../src/module/provider';
import { buildCoreApp } from './build-core-app';
import { VirtualClock } from './virtual-clock';

/** mulberry32: a tiny seeded PRNG, so every generated graph can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'constructor' | 'property' | 'factory';

export interface NodeSpec {
  name: string;
  deps: number[];
  kind: Kind;
  /** undefined: no hook of that phase. */
  start: number | undefined;
  stop: number | undefined;
  /** A zero-delay hook may be synchronous. */
  sync: boolean;
  module: number;
}

/** Logical timestamp: clock time plus a global sequence number, so equal times still have an order. */
interface Stamp {
  t: number;
  seq: number;
}

interface Stamps {
  startBegin?: Stamp;
  startEnd?: Stamp;
  stopBegin?: Stamp;
  stopEnd?: Stamp;
}

/** A seeded random DAG of 1-14 services: edges only to earlier nodes, hooks with 0-50 ms delays, spread over 1-3 modules. */
export function generate(seed: number): NodeSpec[] {
  const random = prng(seed);
  const int = (max: number) => Math.floor(random() * (max + 1));
  const count = 1 + int(13);
  const density = 0.05 + random() * 0.5;
  const modules = 1 + int(2);
  const delay = () => (random() < 0.15 ? 0 : int(50));
  return Array.from({ length: count }, (_, i) => ({
    name: `N${i}`,
    deps: Array.from({ length: i }, (_, j) => j).filter(() => random() < density),
    kind: (['constructor', 'property', 'factory'] as const)[int(2)]!,
    start: random() < 0.8 ? delay() : undefined,
    stop: random() < 0.8 ? delay() : undefined,
    sync: random() < 0.5,
    module: int(modules - 1),
  }));
}

/** Builds the app for `specs` out of real keel providers: classes with @inject params or properties, and factories. */
function appModule(specs: NodeSpec[], clock: VirtualClock, stamps: Stamps[]): ModuleClass {
  let seq = 0;
  const stamp = (): Stamp => ({ t: clock.now(), seq: seq++ });
  const providers: Provider[][] = [[], [], []];
  for (const [index, spec] of specs.entries()) {
    const record = stamps[index]!;
    const run = (ms: number, begin: keyof Stamps, end: keyof Stamps) => {
      record[begin] = stamp();
      if (ms === 0 && spec.sync) {
        record[end] = stamp();
        return undefined;
      }
      return clock.sleep(ms).then(() => void (record[end] = stamp()));
    };
    class Service {
      start() {
        return run(spec.start!, 'startBegin', 'startEnd');
      }
      stop() {
        return run(spec.stop!, 'stopBegin', 'stopEnd');
      }
    }
    Object.defineProperty(Service, 'name', { value: spec.name });
    if (spec.start !== undefined) OnStart()(Service.prototype, 'start', Object.getOwnPropertyDescriptor(Service.prototype, 'start')!);
    if (spec.stop !== undefined) OnStop()(Service.prototype, 'stop', Object.getOwnPropertyDescriptor(Service.prototype, 'stop')!);
    const tokens = spec.deps.map((d) => specs[d]!.name);
    const own = providers[spec.module]!;
    if (spec.kind === 'factory') {
      own.push({ provide: spec.name, useFactory: () => new Service(), inject: tokens });
      continue;
    }
    injectable()(Service);
    tokens.forEach((token, i) => {
      if (spec.kind === 'constructor') inject(token)(Service, undefined, i);
      else inject(token)(Service.prototype, `dep${i}`);
    });
    own.push({ provide: spec.name, useClass: Service });
  }
  const imports = providers.map((list) => {
    @Module({ providers: list })
    class FeatureModule {}
    return FeatureModule;
  });
  @Module({ imports })
  class AppModule {}
  return AppModule;
}

/** The longest chain of `weight` through the DAG, computed from the generated specs alone. */
export function criticalPath(specs: NodeSpec[], weight: (spec: NodeSpec) => number): number {
  const longest: number[] = [];
  for (const [i, spec] of specs.entries()) longest[i] = weight(spec) + Math.max(0, ...spec.deps.map((d) => longest[d]!));
  return Math.max(0, ...longest);
}

/** Every (dependent, dependency) pair, through any path: hookless nodes in between must still pass order on. */
function transitivePairs(specs: NodeSpec[]): [number, number][] {
  const below: Set<number>[] = [];
  const pairs: [number, number][] = [];
  for (const [i, spec] of specs.entries()) {
    below[i] = new Set(spec.deps.flatMap((d) => [d, ...below[d]!]));
    for (const d of below[i]!) pairs.push([i, d]);
  }
  return pairs;
}

const after = (a: Stamp, b: Stamp) => a.seq > b.seq && a.t >= b.t;

/**
 * Builds the seeded random DAG `seed` out of real keel providers, starts and stops it on a virtual
 * clock, and returns every problem found: an edge missing from the graph, a hook that ran without
 * existing or not at all, an order violation over any (transitive) edge at start or stop, and a
 * makespan other than the critical path (or, under a startConcurrency cap, below it).
 */
export async function checkRandomDag(seed: number, concurrency?: number): Promise<string[]> {
  const specs = generate(seed);
  const clock = new VirtualClock();
  const stamps: Stamps[] = specs.map(() => ({}));
  const events: LifecycleEvent[] = [];
  const app = await buildCoreApp(appModule(specs, clock, stamps), { clock, startConcurrency: concurrency, onEvent: (e) => events.push(e) });
  const problems: string[] = [];

  const expectedEdges = specs.flatMap((s) => s.deps.map((d) => `${s.name}->${specs[d]!.name}`)).sort();
  const actualEdges = app
    .graph()
    .edges.map((e) => `${e.from}->${e.to}`)
    .sort();
  if (expectedEdges.join() !== actualEdges.join()) problems.push(`edges ${actualEdges.join()} != ${expectedEdges.join()}`);

  const startAt = clock.now();
  await clock.run(app.start());
  const startMakespan = clock.now() - startAt;
  const stopAt = clock.now();
  await clock.run(app.stop());
  const stopMakespan = clock.now() - stopAt;

  for (const [i, spec] of specs.entries()) {
    const s = stamps[i]!;
    if ((spec.start !== undefined) !== (s.startEnd !== undefined))
      problems.push(`${spec.name}: OnStart ran ${s.startEnd ? 'without a hook' : 'not at all'}`);
    if ((spec.stop !== undefined) !== (s.stopEnd !== undefined))
      problems.push(`${spec.name}: OnStop ran ${s.stopEnd ? 'without a hook' : 'not at all'}`);
  }
  for (const [a, b] of transitivePairs(specs)) {
    const [sa, sb] = [stamps[a]!, stamps[b]!];
    if (sa.startBegin && sb.startEnd && !after(sa.startBegin, sb.startEnd))
      problems.push(`start: N${a} began before its dependency N${b} finished`);
    if (sa.stopEnd && sb.stopBegin && !after(sb.stopBegin, sa.stopEnd))
      problems.push(`stop: N${b} began before its dependent N${a} finished`);
  }

  const startPath = criticalPath(specs, (s) => s.start ?? 0);
  const stopPath = criticalPath(specs, (s) => s.stop ?? 0);
  if (concurrency === undefined) {
    if (startMakespan !== startPath) problems.push(`start makespan ${startMakespan} != critical path ${startPath}`);
    if (stopMakespan !== stopPath) problems.push(`stop makespan ${stopMakespan} != critical path ${stopPath}`);
    const started = events.find((e) => e.type === 'app:started');
    if (!started || started.criticalPathMs !== startPath || started.durationMs !== startPath)
      problems.push(`app:started ${JSON.stringify(started)}`);
  } else if (startMakespan < startPath || stopMakespan < stopPath) {
    problems.push(`makespans ${startMakespan}/${stopMakespan} below critical paths ${startPath}/${stopPath}`);
  }
  if (app.state !== 'stopped') problems.push(`state ${app.state}`);
  return problems.map((p) => `seed ${seed}: ${p}`);
}
