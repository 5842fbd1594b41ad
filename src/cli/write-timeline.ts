import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApplicationTimeline } from '../lifecycle/timeline';
import { renderTimelineHtml } from './render-timeline-html';
import { renderTrace } from './render-trace';
import { toTimings } from './timings-file';

export interface TimelineFiles {
  /** The HTML Gantt chart: the path given. */
  html: string;
  /** `<name>.timings.json`, for `keel plan --timings`. */
  timings: string;
  /** `<name>.trace.json`, Chrome trace events for chrome://tracing and Perfetto. */
  trace: string;
}

/**
 * The three files of a timeline path, which may name any of them: `run.html`,
 * `run.trace.json` or `run.timings.json` all give `run.html`, `run.timings.json`
 * and `run.trace.json`; a path with another ending is the HTML file itself.
 */
export function timelineFiles(path: string): TimelineFiles {
  const file = resolve(path);
  const named = /\.(trace|timings)\.json$/i.exec(file);
  const base = named ? file.slice(0, -named[0].length) : file.replace(/\.html?$/i, '');
  return { html: named ? `${base}.html` : file, timings: `${base}.timings.json`, trace: `${base}.trace.json` };
}

/**
 * Writes the HTML timeline, its timings and its Chrome trace (synchronously:
 * it runs as the app stops, when nothing else is waiting). Creates the directory.
 */
export function writeTimelineFiles(timeline: ApplicationTimeline, path: string, meta: { app?: string } = {}): TimelineFiles {
  const files = timelineFiles(path);
  const recordedAt = new Date();
  mkdirSync(dirname(files.html), { recursive: true });
  writeFileSync(files.html, renderTimelineHtml(timeline, { title: meta.app, recordedAt }));
  writeFileSync(files.timings, `${JSON.stringify(toTimings(timeline, { app: meta.app, recordedAt }), null, 2)}\n`);
  writeFileSync(files.trace, JSON.stringify(renderTrace(timeline, { title: meta.app })));
  return files;
}
