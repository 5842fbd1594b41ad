import type { ApplicationGraph, GraphNodeInfo } from '../lifecycle/describe-graph';
import type { HookPhase } from '../lifecycle/hook-decorators';
import { longestChain } from '../lifecycle/longest-chain';
import { timingKey, type TimingsFile } from './timings-file';

/** keel's own providers (LOGGER, SIGNALS, THREAD_POOL...) come from this module. */
export const BUILT_IN_MODULE = 'EntrypointModule';

export interface PlannedHook {
  hook: string;
  /** From the timings file; undefined without one, or when the file does not know the hook. */
  ms: number | undefined;
}

export interface PlannedService {
  name: string;
  hooks: PlannedHook[];
  /** Estimated ms from the phase's beginning (with timings). */
  beginMs?: number;
  endMs?: number;
}

export interface PlannedWave {
  /** 1-based. */
  index: number;
  services: PlannedService[];
  beginMs?: number;
  endMs?: number;
}

export interface PlannedPhase {
  waves: PlannedWave[];
  /** The services along the longest chain, first to last, only those with hooks in this phase. */
  criticalPath: PlannedService[];
  /** With timings: the estimated wall time of the phase (its critical path); without: the number of hooks along it. */
  criticalPathMs?: number;
  /** Hooks along the critical path: the structural length. */
  criticalPathHooks: number;
}

export interface StartPlan {
  services: number;
  builtInsHidden: number;
  start: PlannedPhase;
  stop: PlannedPhase;
  /** Hooks the timings file has no figure for (`phase Class.method`); counted as 0 ms. */
  untimed: string[];
  timings: TimingsFile | undefined;
}

/**
 * The start plan of a graph: waves (a service is in wave k when the longest chain
 * of dependencies below it has k - 1 services, so everything in one wave can run
 * together), the stop waves (the same over dependents), and each phase's critical
 * path. With timings, every service, wave and phase gets an estimated window,
 * assuming each service begins the moment what it waits for has finished, as keel runs it.
 */
export function planStart(graph: ApplicationGraph, options: { all?: boolean; timings?: TimingsFile } = {}): StartPlan {
  const shown = (n: GraphNodeInfo) => options.all === true || n.module !== BUILT_IN_MODULE;
  const byName = new Map(graph.nodes.filter(shown).map((n) => [n.name, n]));
  const order = graph.startOrder.filter((name) => byName.has(name));
  const dependencies = new Map<string, string[]>(order.map((name) => [name, []]));
  const dependents = new Map<string, string[]>(order.map((name) => [name, []]));
  for (const { from, to } of graph.edges) {
    if (!byName.has(from) || !byName.has(to)) continue;
    dependencies.get(from)!.push(to);
    dependents.get(to)!.push(from);
  }
  const known = new Map<string, number>();
  const byLabel = new Map<string, number>();
  for (const h of options.timings?.hooks ?? []) {
    known.set(timingKey(h.service, h.hook, h.phase), h.ms);
    byLabel.set(`${h.phase}\u0000${h.hook}`, h.ms);
  }
  const untimed: string[] = [];
  const hooksOf = (name: string, phase: HookPhase): PlannedHook[] => {
    const node = byName.get(name)!;
    return (phase === 'start' ? node.onStart : node.onStop).map((hook) => {
      let ms: number | undefined;
      if (options.timings) {
        ms = known.get(timingKey(name, hook, phase)) ?? byLabel.get(`${phase}\u0000${hook}`);
        if (ms === undefined) untimed.push(`${phase} ${hook}`);
      }
      return { hook, ms };
    });
  };
  const phase = (direction: HookPhase): PlannedPhase => {
    const sequence = direction === 'start' ? order : [...order].reverse();
    const waitsFor = direction === 'start' ? dependencies : dependents;
    const hooks = new Map(sequence.map((name) => [name, hooksOf(name, direction)]));
    const timed = options.timings !== undefined;
    const chain = longestChain({
      order: sequence,
      waitsFor: (name) => waitsFor.get(name)!,
      // Structural: every hook counts one; with timings, its milliseconds (unknown ones 0).
      duration: (name) => hooks.get(name)!.reduce((sum, h) => sum + (timed ? (h.ms ?? 0) : 1), 0),
    });
    const wave = new Map<string, number>();
    const waves: PlannedWave[] = [];
    const planned = new Map<string, PlannedService>();
    for (const name of sequence) {
      const index = 1 + Math.max(0, ...waitsFor.get(name)!.map((other) => wave.get(other)!));
      wave.set(name, index);
      const service: PlannedService = { name, hooks: hooks.get(name)! };
      if (timed) {
        service.beginMs = chain.ready.get(name)!;
        service.endMs = chain.finish.get(name)!;
      }
      planned.set(name, service);
      while (waves.length < index) waves.push({ index: waves.length + 1, services: [] });
      waves[index - 1]!.services.push(service);
    }
    if (timed) {
      for (const w of waves) {
        w.beginMs = Math.min(...w.services.map((s) => s.beginMs!));
        w.endMs = Math.max(...w.services.map((s) => s.endMs!));
      }
    }
    const criticalPath = chain.path.map((name) => planned.get(name)!).filter((s) => s.hooks.length > 0);
    return {
      waves,
      criticalPath,
      ...(timed ? { criticalPathMs: chain.totalMs } : {}),
      criticalPathHooks: criticalPath.reduce((sum, s) => sum + s.hooks.length, 0),
    };
  };
  const start = phase('start');
  const stop = phase('stop');
  return {
    services: order.length,
    builtInsHidden: graph.nodes.length - byName.size,
    start,
    stop,
    untimed,
    timings: options.timings,
  };
}
