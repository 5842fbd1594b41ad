/* eslint-disable @typescript-eslint/no-require-imports -- loaded on call: importing keel must not load the renderers */
import type { ApplicationGraph } from '../lifecycle/describe-graph';
import type { ApplicationTimeline } from '../lifecycle/timeline';
import type { TimelineHtmlOptions } from './render-timeline-html';
import type { TraceEvent } from './render-trace';
import type { StartPlan } from './start-plan';
import type { TimingsFile } from './timings-file';
import type { TimelineFiles } from './write-timeline';

/** The timeline as a self-contained HTML Gantt chart (see render-timeline-html.ts). */
export function renderTimelineHtml(timeline: ApplicationTimeline, options?: TimelineHtmlOptions): string {
  return (require('./render-timeline-html') as typeof import('./render-timeline-html')).renderTimelineHtml(timeline, options);
}

/** The timeline as Chrome trace events, for chrome://tracing and Perfetto (see render-trace.ts). */
export function renderTrace(
  timeline: ApplicationTimeline,
  options?: { title?: string },
): { traceEvents: TraceEvent[]; displayTimeUnit: 'ms' } {
  return (require('./render-trace') as typeof import('./render-trace')).renderTrace(timeline, options);
}

/** Writes the HTML timeline at `path`, its timings and its trace next to it, synchronously (see write-timeline.ts). */
export function writeTimelineFiles(timeline: ApplicationTimeline, path: string, meta?: { app?: string }): TimelineFiles {
  return (require('./write-timeline') as typeof import('./write-timeline')).writeTimelineFiles(timeline, path, meta);
}

/** The three files of a timeline path: `run.html`, `run.timings.json`, `run.trace.json`. */
export function timelineFiles(path: string): TimelineFiles {
  return (require('./write-timeline') as typeof import('./write-timeline')).timelineFiles(path);
}

/** The per-hook timings of a timeline, as `keel plan --timings` reads them. */
export function toTimings(timeline: ApplicationTimeline, meta?: { app?: string; recordedAt?: Date }): TimingsFile {
  return (require('./timings-file') as typeof import('./timings-file')).toTimings(timeline, meta);
}

/** The start plan of `app.graph()`: waves, stop waves, critical paths, estimates with timings (see start-plan.ts). */
export function planStart(graph: ApplicationGraph, options?: { all?: boolean; timings?: TimingsFile }): StartPlan {
  return (require('./start-plan') as typeof import('./start-plan')).planStart(graph, options);
}
