import type { ApplicationTimeline } from '../lifecycle/timeline';

/** One event of the Chrome trace-event format (the JSON chrome://tracing and Perfetto open). */
export interface TraceEvent {
  name: string;
  ph: 'X' | 'M';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  args?: Record<string, unknown>;
}

/**
 * The timeline as Chrome trace events: a track per service (in start order), a
 * complete event per hook run (microseconds from the moment start began), and a
 * `lifecycle` track with the start and stop phases themselves.
 */
export function renderTrace(
  timeline: ApplicationTimeline,
  options: { title?: string } = {},
): { traceEvents: TraceEvent[]; displayTimeUnit: 'ms' } {
  const us = (ms: number) => Math.round(ms * 1000);
  const events: TraceEvent[] = [
    { name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: options.title ? `keel: ${options.title}` : 'keel' } },
    { name: 'thread_name', ph: 'M', pid: 1, tid: 0, args: { name: 'lifecycle' } },
  ];
  const tids = new Map<string, number>();
  for (const service of timeline.services) {
    if (!timeline.hooks.some((h) => h.service === service.name)) continue;
    const tid = tids.size + 1;
    tids.set(service.name, tid);
    events.push({ name: 'thread_name', ph: 'M', pid: 1, tid, args: { name: service.name } });
    events.push({ name: 'thread_sort_index', ph: 'M', pid: 1, tid, args: { sort_index: tid } });
  }
  for (const phase of ['start', 'stop'] as const) {
    const info = timeline[phase];
    if (!info) continue;
    events.push({
      name: phase,
      cat: 'phase',
      ph: 'X',
      pid: 1,
      tid: 0,
      ts: us(info.beginMs),
      dur: us(info.endMs - info.beginMs),
      args: { criticalPathMs: info.criticalPathMs, criticalPath: info.criticalPath },
    });
  }
  for (const h of timeline.hooks) {
    events.push({
      name: h.hook,
      cat: h.phase,
      ph: 'X',
      pid: 1,
      tid: tids.get(h.service) ?? 0,
      ts: us(h.startMs),
      dur: us(h.durationMs),
      args: { service: h.service, outcome: h.outcome, critical: h.critical, ...(h.error ? { error: h.error } : {}) },
    });
  }
  return { traceEvents: events, displayTimeUnit: 'ms' };
}
