import type { LifecycleListener } from '../lifecycle/lifecycle-events';
import type { ApplicationTimeline, TimelineEntry } from '../lifecycle/timeline';
import type { Logger } from '../logging/logger';

const SLOWEST = 5;

/**
 * At debug level, right after the "started N services" line: the critical path as
 * a chain of hooks (`Database.connect 40 ms -> Api.listen 3 ms`) and the five
 * slowest OnStart hooks, read from the application's timeline.
 */
export function renderStartReport(timeline: () => ApplicationTimeline, logger: () => Logger): LifecycleListener {
  return (event) => {
    if (event.type !== 'app:started') return;
    const { start, hooks } = timeline();
    const started = hooks.filter((h) => h.phase === 'start' && h.outcome === 'ok');
    if (!start || started.length === 0) return;
    const log = logger().child({ component: 'keel' });
    const onPath = new Set(start.criticalPath);
    const chain = started.filter((h) => onPath.has(h.service)).sort((a, b) => a.startMs - b.startMs);
    log.debug(`critical path: ${chain.map(describe).join(' -> ')} (${round(start.criticalPathMs)} ms)`, {
      criticalPath: chain.map((h) => h.hook),
      criticalPathMs: start.criticalPathMs,
    });
    const slowest = [...started].sort((a, b) => b.durationMs - a.durationMs).slice(0, SLOWEST);
    log.debug(`slowest OnStart hooks: ${slowest.map(describe).join(', ')}`, {
      slowest: slowest.map((h) => ({ hook: h.hook, durationMs: h.durationMs })),
    });
  };
}

function describe(h: TimelineEntry): string {
  return `${h.hook} ${round(h.durationMs)} ms`;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
