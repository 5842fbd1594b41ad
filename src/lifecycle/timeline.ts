import { describeError } from '../errors';
import type { Clock } from './clock';
import type { DependencyGraph } from './dependency-graph';
import type { HookPhase } from './hook-decorators';
import type { LifecycleListener } from './lifecycle-events';
import { longestChain } from './longest-chain';
import { HookTimeout } from './run-hooks';
import type { ServiceNode } from './service-node';

/** How a hook ended: `pending` means it never settled (still running, or abandoned at the shutdown timeout). */
export type HookOutcome = 'ok' | 'failed' | 'timeout' | 'pending';

/** One run of one hook. Times are ms from the moment start began, on the application's clock. */
export interface TimelineEntry {
  service: string;
  /** `Class.method`. */
  hook: string;
  phase: HookPhase;
  startMs: number;
  /** For a pending hook, the end of its phase (or now, when the phase has not ended). */
  endMs: number;
  durationMs: number;
  outcome: HookOutcome;
  /** Whether the hook lies on its phase's critical path (the longest chain of durations). */
  critical: boolean;
  /** One line saying why, for failed and timed-out hooks. */
  error?: string;
}

/** One phase (start or stop) as a whole. */
export interface TimelinePhase {
  beginMs: number;
  endMs: number;
  /** The longest chain of hook durations through the graph in this phase's direction, ms. */
  criticalPathMs: number;
  /** The services along that chain, first to last, only those with hooks in this phase. */
  criticalPath: string[];
}

export interface TimelineService {
  name: string;
  /** What this service depends on (it starts after them and stops before them). */
  dependencies: string[];
}

/**
 * What happened when: every hook run of start and stop, in the order they began,
 * with the services in start order. A phase is undefined until it has begun.
 */
export interface ApplicationTimeline {
  start: TimelinePhase | undefined;
  stop: TimelinePhase | undefined;
  hooks: TimelineEntry[];
  services: TimelineService[];
}

/** The one object kept per hook run; everything else is derived when timeline() is asked for. */
interface HookRecord {
  service: string;
  hook: string;
  phase: HookPhase;
  begin: number;
  end: number;
  outcome: HookOutcome;
  error: unknown;
}

/**
 * Listens to an application's hook events and keeps one small record per hook
 * run (a map keyed by service finds the running one: a service runs its hooks one
 * at a time). Only attached when a timeline is wanted, so an app that never asks
 * pays nothing; see Application.timeline().
 */
export class TimelineRecorder {
  private readonly records: HookRecord[] = [];
  private readonly running = new Map<string, HookRecord>();
  private origin = NaN;
  private startEnd = NaN;
  private stopBegin = NaN;
  private stopEnd = NaN;

  constructor(private readonly clock: Clock) {}

  readonly listener: LifecycleListener = (event) => {
    switch (event.type) {
      case 'hook:started': {
        const now = this.clock.now();
        const record: HookRecord = {
          service: event.service,
          hook: event.hook,
          phase: event.phase,
          begin: now,
          end: NaN,
          outcome: 'pending',
          error: undefined,
        };
        if (Number.isNaN(this.origin)) this.origin = now;
        this.records.push(record);
        this.running.set(event.service, record);
        return;
      }
      case 'hook:finished':
      case 'hook:failed': {
        const record = this.running.get(event.service);
        if (record === undefined || record.hook !== event.hook) return;
        this.running.delete(event.service);
        // The hook's own measure, so the timeline and the log lines agree to the digit.
        record.end = record.begin + event.durationMs;
        if (event.type === 'hook:finished') record.outcome = 'ok';
        else {
          record.outcome = isTimeout(event.error) ? 'timeout' : 'failed';
          record.error = event.error;
        }
        return;
      }
      case 'app:started': {
        const now = this.clock.now();
        this.startEnd = now;
        // start() began before its first hook (hookless services pass first); date everything from it.
        if (!(this.origin <= now - event.durationMs)) this.origin = now - event.durationMs;
        return;
      }
      case 'app:stopping':
        this.stopBegin = this.clock.now();
        if (Number.isNaN(this.origin)) this.origin = this.stopBegin;
        return;
      case 'app:stopped':
        this.stopEnd = this.clock.now();
        return;
    }
  };

  /** The recorded runs, relative to the start, with each phase's critical path marked. */
  timeline(graph: DependencyGraph<ServiceNode>): ApplicationTimeline {
    const origin = Number.isNaN(this.origin) ? this.clock.now() : this.origin;
    const now = this.clock.now() - origin;
    const rel = (t: number) => t - origin;
    const hooks: TimelineEntry[] = this.records.map((r) => ({
      service: r.service,
      hook: r.hook,
      phase: r.phase,
      startMs: rel(r.begin),
      endMs: Number.isNaN(r.end) ? NaN : rel(r.end),
      durationMs: Number.isNaN(r.end) ? NaN : r.end - r.begin,
      outcome: r.outcome,
      critical: false,
      ...(r.error === undefined ? {} : { error: describeError(r.error) }),
    }));
    const startHooks = hooks.filter((h) => h.phase === 'start');
    const stopHooks = hooks.filter((h) => h.phase === 'stop');
    const lastEnd = (list: TimelineEntry[], fallback: number) => list.reduce((max, h) => Math.max(max, h.endMs || 0), fallback);
    const startEnd = Number.isNaN(this.startEnd)
      ? Number.isNaN(this.stopBegin)
        ? lastEnd(startHooks, startHooks.length > 0 ? now : 0)
        : rel(this.stopBegin)
      : rel(this.startEnd);
    const stopBegin = Number.isNaN(this.stopBegin) ? undefined : rel(this.stopBegin);
    const stopEnd = Number.isNaN(this.stopEnd) ? now : rel(this.stopEnd);
    for (const h of hooks) {
      if (h.outcome !== 'pending') continue;
      h.endMs = h.phase === 'start' ? Math.max(h.startMs, startEnd) : stopEnd;
      h.durationMs = h.endMs - h.startMs;
    }
    const order = graph.topologicalOrder();
    const start = startHooks.length > 0 || !Number.isNaN(this.startEnd) ? phase('start', startHooks, 0, startEnd) : undefined;
    const stop = stopBegin === undefined ? undefined : phase('stop', stopHooks, stopBegin, stopEnd);
    return {
      start,
      stop,
      hooks,
      services: order.map((n) => ({ name: n.name, dependencies: [...graph.dependenciesOf(n)].map((d) => d.name) })),
    };

    function phase(direction: HookPhase, entries: TimelineEntry[], beginMs: number, endMs: number): TimelinePhase {
      const spent = new Map<string, number>();
      for (const h of entries) spent.set(h.service, (spent.get(h.service) ?? 0) + h.durationMs);
      const names = order.map((n) => n.name);
      const byName = new Map(order.map((n) => [n.name, n]));
      const chain = longestChain({
        order: direction === 'start' ? names : [...names].reverse(),
        waitsFor: (name) => {
          const node = byName.get(name)!;
          return [...(direction === 'start' ? graph.dependenciesOf(node) : graph.dependentsOf(node))].map((n) => n.name);
        },
        duration: (name) => spent.get(name) ?? 0,
      });
      const critical = new Set(chain.path.filter((name) => spent.has(name)));
      for (const h of entries) if (critical.has(h.service)) h.critical = true;
      return { beginMs, endMs, criticalPathMs: chain.totalMs, criticalPath: [...critical] };
    }
  }
}

// run-hooks reports a timeout with its own cause, HookTimeout; anything else is a failure.
function isTimeout(error: unknown): boolean {
  return error instanceof HookTimeout;
}
