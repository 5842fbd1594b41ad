import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderTimelineHtml } from '../../../src/cli/render-timeline-html';
import { renderTrace } from '../../../src/cli/render-trace';
import { readTimings, toTimings } from '../../../src/cli/timings-file';
import { timelineFiles, writeTimelineFiles } from '../../../src/cli/write-timeline';
import type { ApplicationTimeline, TimelineEntry } from '../../../src/lifecycle/timeline';

const entry = (e: Partial<TimelineEntry> & Pick<TimelineEntry, 'service' | 'hook' | 'phase' | 'startMs' | 'endMs'>): TimelineEntry => ({
  durationMs: e.endMs - e.startMs,
  outcome: 'ok',
  critical: false,
  ...e,
});

const timeline: ApplicationTimeline = {
  start: { beginMs: 0, endMs: 55, criticalPathMs: 55, criticalPath: ['Db', 'Api'] },
  stop: { beginMs: 1000, endMs: 1012, criticalPathMs: 12, criticalPath: ['Api', 'Db'] },
  hooks: [
    entry({ service: 'Db', hook: 'Db.connect', phase: 'start', startMs: 0, endMs: 40, critical: true }),
    entry({ service: 'Cache<x>', hook: 'Cache.warm', phase: 'start', startMs: 0, endMs: 9, outcome: 'failed', error: 'refused "x" & <y>' }),
    entry({ service: 'Api', hook: 'Api.listen', phase: 'start', startMs: 40, endMs: 55, critical: true }),
    entry({ service: 'Api', hook: 'Api.close', phase: 'stop', startMs: 1000, endMs: 1002, critical: true }),
    entry({ service: 'Db', hook: 'Db.disconnect', phase: 'stop', startMs: 1002, endMs: 1012, outcome: 'pending', critical: true }),
  ],
  services: [
    { name: 'Db', dependencies: [] },
    { name: 'Cache<x>', dependencies: [] },
    { name: 'Plain', dependencies: ['Db'] },
    { name: 'Api', dependencies: ['Plain'] },
  ],
};

/** Every bar as `phase service hook classes label`, in document order. */
function bars(html: string): string[] {
  const found: string[] = [];
  const pattern =
    /<g class="([^"]+)" data-service="([^"]+)" data-hook="([^"]+)" data-phase="(\w+)">[\s\S]*?<text[^>]*>([^<]+)<\/text><\/g>/g;
  for (const m of html.matchAll(pattern)) found.push(`${m[4]} ${m[2]} ${m[3]} [${m[1]}] ${m[5]}`);
  return found;
}

describe('renderTimelineHtml', () => {
  it('draws one labelled bar per hook run: critical path, failures and hooks that never finished marked', () => {
    expect(bars(renderTimelineHtml(timeline, { title: 'AppModule' }))).toEqual([
      'start Db Db.connect [bar critical] Db.connect 40 ms',
      'start Cache&lt;x&gt; Cache.warm [bar failed] Cache.warm 9 ms failed',
      'start Api Api.listen [bar critical] Api.listen 15 ms',
      'stop Api Api.close [bar critical] Api.close 2 ms',
      'stop Db Db.disconnect [bar pending] Db.disconnect 10 ms never finished',
    ]);
  });

  it('draws the wait of a service for what it waits on, through services without hooks', () => {
    const html = renderTimelineHtml(timeline);
    const waits = [...html.matchAll(/<path class="wait" data-service="(\w+)" data-waits-for="(\w+)"/g)].map((m) => `${m[1]} <- ${m[2]}`);

    // Starting, Api waits for Db through the hookless Plain; stopping, Db waits for Api.
    expect(waits).toEqual(['Api <- Db', 'Db <- Api']);
  });

  it('is self-contained: no script, no external resource, text escaped', () => {
    const html = renderTimelineHtml(timeline);

    expect({
      script: /<script/i.test(html),
      external: /\b(src|href)=|url\(|@import/i.test(html),
      raw: html.includes('refused "x" & <y>'),
      escaped: html.includes('refused &quot;x&quot; &amp; &lt;y&gt;'),
      hookless: html.includes('no bar): Plain.'),
    }).toEqual({ script: false, external: false, raw: false, escaped: true, hookless: true });
  });
});

describe('renderTrace', () => {
  it('gives each service with hooks a named track and each hook run a complete event in microseconds', () => {
    const trace = renderTrace(timeline);
    const tracks = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => `${e.tid} ${String(e.args!.name)}`);
    const runs = trace.traceEvents.filter((e) => e.ph === 'X').map((e) => `${e.tid} ${e.cat} ${e.name} ${e.ts}+${e.dur}`);

    expect([tracks, runs]).toEqual([
      ['0 lifecycle', '1 Db', '2 Cache<x>', '3 Api'],
      [
        '0 phase start 0+55000',
        '0 phase stop 1000000+12000',
        '1 start Db.connect 0+40000',
        '2 start Cache.warm 0+9000',
        '3 start Api.listen 40000+15000',
        '3 stop Api.close 1000000+2000',
        '1 stop Db.disconnect 1002000+10000',
      ],
    ]);
  });
});

describe('writeTimelineFiles', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keel-timeline-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the HTML at the path, and the timings and the trace next to it, creating the directory', () => {
    const files = writeTimelineFiles(timeline, join(dir, 'runs', 'boot.html'), { app: 'AppModule' });

    expect(files).toEqual(timelineFiles(join(dir, 'runs', 'boot.html')));
    expect([files.timings, files.trace]).toEqual([join(dir, 'runs', 'boot.timings.json'), join(dir, 'runs', 'boot.trace.json')]);
    expect({
      html: readFileSync(files.html, 'utf8').startsWith('<!doctype html>'),
      timings: readTimings(files.timings).hooks.map((h) => `${h.phase} ${h.hook} ${h.ms} ${h.outcome}`),
      trace: (JSON.parse(readFileSync(files.trace, 'utf8')) as { traceEvents: unknown[] }).traceEvents.length,
    }).toEqual({
      html: true,
      timings: [
        'start Db.connect 40 ok',
        'start Cache.warm 9 failed',
        'start Api.listen 15 ok',
        'stop Api.close 2 ok',
        'stop Db.disconnect 10 pending',
      ],
      trace: 15,
    });
  });
});

describe('timelineFiles', () => {
  it('derives all three files from whichever one the path names', () => {
    const all = (base: string) => ({ html: `${base}.html`, timings: `${base}.timings.json`, trace: `${base}.trace.json` });

    expect(['/r/run.html', '/r/run.trace.json', '/r/run.timings.json', '/r/run'].map(timelineFiles)).toEqual([
      all('/r/run'),
      all('/r/run'),
      all('/r/run'),
      { html: '/r/run', timings: '/r/run.timings.json', trace: '/r/run.trace.json' },
    ]);
  });
});

describe('readTimings', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keel-timings-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and the problem in one line', () => {
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const problems = [
      join(dir, 'missing.json'),
      write('text.json', 'not json'),
      write('other.json', '{"format":"something"}'),
      write('bad-hook.json', JSON.stringify({ ...toTimings(timeline), hooks: [{ service: 'A' }] })),
    ].map((path) => {
      try {
        readTimings(path);
        return 'read';
      } catch (error) {
        return (error as Error).message.replace(dir, '<dir>');
      }
    });

    expect(problems).toEqual([
      'timings file not found: <dir>/missing.json',
      'timings file <dir>/text.json is not JSON; it is written next to the HTML of a KEEL_TIMELINE run (*.timings.json).',
      '<dir>/other.json is not a keel timings file (format "keel-timings", version 1); use the *.timings.json of a KEEL_TIMELINE run.',
      '<dir>/bad-hook.json has a malformed hook entry: {"service":"A"}',
    ]);
  });
});
