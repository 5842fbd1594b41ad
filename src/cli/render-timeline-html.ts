import type { HookPhase } from '../lifecycle/hook-decorators';
import type { ApplicationTimeline, TimelineEntry, TimelinePhase } from '../lifecycle/timeline';
import { formatMs } from './format-ms';

export interface TimelineHtmlOptions {
  /** Shown in the heading: usually the root module's name. */
  title?: string;
  /** When the run stopped (shown in the heading); default now. */
  recordedAt?: Date;
}

const LABEL_WIDTH = 190;
const CHART_WIDTH = 780;
const RIGHT_MARGIN = 10;
const ROW = 24;
const BAR = 14;
const AXIS = 26;
const CHAR = 6.4; // average width of an 11 px sans-serif character, to place labels without a layout engine

/**
 * A self-contained HTML page (inline CSS and SVG, no script, nothing fetched)
 * with one Gantt chart per phase: a row per service with hooks, a bar per hook
 * labelled `Class.method` and its duration, the critical path highlighted,
 * failures, timeouts and hooks that never finished in red, and the wait for
 * dependencies (dependents, when stopping) drawn as a dashed line from the bar
 * that released the service.
 */
export function renderTimelineHtml(timeline: ApplicationTimeline, options: TimelineHtmlOptions = {}): string {
  const title = options.title ? `keel timeline: ${options.title}` : 'keel timeline';
  const recordedAt = (options.recordedAt ?? new Date())
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const panels = (['start', 'stop'] as const).map((phase) => renderPanel(timeline, phase)).join('\n');
  const problems = timeline.hooks.filter((h) => h.outcome !== 'ok');
  const withHooks = new Set(timeline.hooks.map((h) => h.service));
  const hookless = timeline.services.filter((s) => !withHooks.has(s.name)).map((s) => s.name);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 24px; background: #fff; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 22px 0 6px; }
  p.meta { color: #59636e; margin: 0 0 10px; }
  .legend span { display: inline-flex; align-items: center; margin-right: 16px; color: #3d444d; font-size: 13px; }
  .legend i { display: inline-block; width: 22px; height: 10px; margin-right: 6px; border-radius: 2px; }
  svg { display: block; font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  .stripe { fill: #f6f8fa; }
  .grid { stroke: #d1d9e0; stroke-width: 1; }
  .tick { fill: #59636e; }
  .service { fill: #1f2328; font-size: 12px; }
  .bar rect { fill: #4f7fd6; }
  .bar.critical rect { fill: #e8912d; }
  .bar.failed rect, .bar.timeout rect, .bar.pending rect { fill: #d1242f; }
  .label { fill: #1f2328; }
  .label.inside { fill: #fff; }
  .bar.failed .label, .bar.timeout .label, .bar.pending .label { fill: #a40e26; font-weight: 600; }
  .bar.failed .label.inside, .bar.timeout .label.inside, .bar.pending .label.inside { fill: #fff; }
  .wait { stroke: #6e7781; stroke-width: 1.2; stroke-dasharray: 3 2; fill: none; }
  .waiting { fill: #d0d7de; }
  .phase-end { stroke: #1f2328; stroke-width: 1; stroke-dasharray: 1 2; }
  table { border-collapse: collapse; margin-top: 6px; }
  td, th { border: 1px solid #d1d9e0; padding: 3px 8px; text-align: left; font-size: 13px; }
  th { background: #f6f8fa; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(summary(timeline))} &middot; recorded ${esc(recordedAt)}</p>
<div class="legend">
  <span><i style="background:#4f7fd6"></i>hook</span>
  <span><i style="background:#e8912d"></i>critical path</span>
  <span><i style="background:#d1242f"></i>failed, timed out or never finished</span>
  <span><i style="background:#d0d7de;height:4px"></i>waiting: for dependencies when starting, for dependents when stopping (dashed: from the bar it waited for)</span>
</div>
${panels}
${problems.length > 0 ? renderProblems(problems) : ''}
${hookless.length > 0 ? `<p class="meta">Without hooks (order flows through them, no bar): ${esc(hookless.join(', '))}.</p>` : ''}
</body>
</html>
`;
}

function summary(timeline: ApplicationTimeline): string {
  const parts: string[] = [];
  const services = new Set(timeline.hooks.map((h) => h.service)).size;
  if (timeline.start) parts.push(`start ${formatMs(span(timeline.start))} (critical path ${formatMs(timeline.start.criticalPathMs)})`);
  if (timeline.stop) parts.push(`stop ${formatMs(span(timeline.stop))} (critical path ${formatMs(timeline.stop.criticalPathMs)})`);
  parts.push(
    `${services} service${services === 1 ? '' : 's'} with hooks, ${timeline.hooks.length} hook run${timeline.hooks.length === 1 ? '' : 's'}`,
  );
  return parts.join(' \u00b7 ');
}

function span(phase: TimelinePhase): number {
  return phase.endMs - phase.beginMs;
}

function renderPanel(timeline: ApplicationTimeline, phase: HookPhase): string {
  const info = timeline[phase];
  const entries = timeline.hooks.filter((h) => h.phase === phase);
  const heading = phase === 'start' ? 'Start' : 'Stop';
  if (!info || entries.length === 0) return `<h2>${heading}</h2>\n<p class="meta">No ${phase} hook ran.</p>`;
  const rows: string[] = [];
  const rowOf = new Map<string, number>();
  for (const h of [...entries].sort((a, b) => a.startMs - b.startMs)) {
    if (!rowOf.has(h.service)) {
      rowOf.set(h.service, rows.length);
      rows.push(h.service);
    }
  }
  const begin = info.beginMs;
  const end = Math.max(info.endMs, ...entries.map((h) => h.endMs));
  const range = Math.max(end - begin, 0.001);
  const x = (t: number) => LABEL_WIDTH + ((t - begin) / range) * CHART_WIDTH;
  const y = (row: number) => AXIS + row * ROW;
  const width = LABEL_WIDTH + CHART_WIDTH + RIGHT_MARGIN;
  const height = AXIS + rows.length * ROW + 8;
  const parts: string[] = [];
  rows.forEach((_, i) => i % 2 === 1 && parts.push(`<rect class="stripe" x="0" y="${y(i)}" width="${width}" height="${ROW}"/>`));
  for (const t of ticks(range)) {
    const at = x(begin + t);
    parts.push(`<line class="grid" x1="${n(at)}" y1="${AXIS - 6}" x2="${n(at)}" y2="${height - 8}"/>`);
    parts.push(`<text class="tick" x="${n(at)}" y="${AXIS - 10}" text-anchor="middle">${esc(formatMs(t))}</text>`);
  }
  rows.forEach((service, i) => {
    parts.push(`<text class="service" x="${LABEL_WIDTH - 8}" y="${y(i) + ROW / 2 + 4}" text-anchor="end">${esc(clip(service, 28))}</text>`);
  });
  parts.push(...renderWaits(timeline, phase, entries, rowOf, { x, y, begin }));
  for (const h of entries) parts.push(renderBar(h, rowOf.get(h.service)!, { x, y, width }));
  parts.push(`<line class="phase-end" x1="${n(x(info.endMs))}" y1="${AXIS - 6}" x2="${n(x(info.endMs))}" y2="${height - 8}"/>`);
  const chain = info.criticalPath.length > 0 ? `: ${info.criticalPath.join(' \u2192 ')}` : '';
  return `<h2>${heading}: ${esc(formatMs(span(info)))}</h2>
<p class="meta">${esc(`${rows.length} service${rows.length === 1 ? '' : 's'}; critical path ${formatMs(info.criticalPathMs)}${chain}`)}</p>
<svg xmlns="http://www.w3.org/2000/svg" class="gantt" data-phase="${phase}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(`${heading} timeline`)}">
${parts.join('\n')}
</svg>`;
}

interface Scale {
  x: (t: number) => number;
  y: (row: number) => number;
}

function renderBar(h: TimelineEntry, row: number, { x, y, width }: Scale & { width: number }): string {
  const x0 = x(h.startMs);
  const w = Math.max(2, x(h.endMs) - x0);
  const top = y(row) + (ROW - BAR) / 2;
  const outcome = h.outcome === 'ok' ? '' : ` ${{ failed: 'failed', timeout: 'timed out', pending: 'never finished' }[h.outcome]}`;
  const label = `${h.hook} ${formatMs(h.durationMs)}${outcome}`;
  const textWidth = label.length * CHAR;
  let text: string;
  const baseline = top + BAR / 2 + 4;
  if (x0 + w + 4 + textWidth <= width) text = `<text class="label" x="${n(x0 + w + 4)}" y="${n(baseline)}">${esc(label)}</text>`;
  else if (textWidth + 8 <= w) text = `<text class="label inside" x="${n(x0 + 4)}" y="${n(baseline)}">${esc(label)}</text>`;
  else text = `<text class="label" x="${n(x0 - 4)}" y="${n(baseline)}" text-anchor="end">${esc(label)}</text>`;
  const classes = ['bar', h.outcome === 'ok' ? (h.critical ? 'critical' : 'ok') : h.outcome].join(' ');
  const tip = `${h.hook} (${h.service}): ${formatMs(h.startMs)} to ${formatMs(h.endMs)}, ${formatMs(h.durationMs)}${outcome}${
    h.critical ? ', critical path' : ''
  }${h.error ? `\n${h.error}` : ''}`;
  return `<g class="${classes}" data-service="${esc(h.service)}" data-hook="${esc(h.hook)}" data-phase="${h.phase}"><title>${esc(tip)}</title><rect x="${n(x0)}" y="${n(top)}" width="${n(w)}" height="${BAR}" rx="2"/>${text}</g>`;
}

/**
 * A service waits until the last of what it waits for has finished (through services
 * without hooks, which pass at once): a dashed line from the end of that bar to the
 * start of this one; a service that waits for nothing with hooks gets none.
 */
function renderWaits(
  timeline: ApplicationTimeline,
  phase: HookPhase,
  entries: readonly TimelineEntry[],
  rowOf: Map<string, number>,
  { x, y, begin }: Scale & { begin: number },
): string[] {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const h of entries) {
    first.set(h.service, Math.min(first.get(h.service) ?? Infinity, h.startMs));
    last.set(h.service, Math.max(last.get(h.service) ?? -Infinity, h.endMs));
  }
  const waitsFor = waitGraph(timeline, phase);
  // The latest-finishing service with hooks among what `name` waits for, directly or through hookless ones.
  const blocker = new Map<string, { service: string; at: number } | undefined>();
  const blockerOf = (name: string, seen = new Set<string>()): { service: string; at: number } | undefined => {
    if (blocker.has(name)) return blocker.get(name);
    let best: { service: string; at: number } | undefined;
    for (const other of waitsFor.get(name) ?? []) {
      if (seen.has(other)) continue;
      seen.add(other);
      const candidate = last.has(other) ? { service: other, at: last.get(other)! } : blockerOf(other, seen);
      if (candidate && (!best || candidate.at > best.at)) best = candidate;
    }
    blocker.set(name, best);
    return best;
  };
  const lines: string[] = [];
  for (const [service, row] of rowOf) {
    const from = blockerOf(service);
    const startAt = first.get(service)!;
    const waited = x(startAt) - x(begin);
    if (waited >= 1) {
      const why = from ? `${service} waits for ${from.service}` : `${service} waits`;
      lines.push(
        `<rect class="waiting" x="${n(x(begin))}" y="${n(y(row) + ROW / 2 - 2)}" width="${n(waited)}" height="4" rx="2"><title>${esc(
          `${why}: ${formatMs(startAt - begin)}`,
        )}</title></rect>`,
      );
    }
    if (!from || !rowOf.has(from.service)) continue;
    const x1 = x(Math.max(begin, from.at));
    const x2 = x(startAt);
    const y1 = y(rowOf.get(from.service)!) + ROW / 2;
    const y2 = y(row) + ROW / 2;
    const tip = `${service} waits for ${from.service} (until ${formatMs(from.at)})`;
    lines.push(
      `<path class="wait" data-service="${esc(service)}" data-waits-for="${esc(from.service)}" d="M${n(x1)} ${n(y1)} V${n(y2)} H${n(Math.max(x1, x2))}"><title>${esc(tip)}</title></path>`,
    );
  }
  return lines;
}

function waitGraph(timeline: ApplicationTimeline, phase: HookPhase): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const s of timeline.services) {
    for (const dep of s.dependencies) {
      const [waiter, waited] = phase === 'start' ? [s.name, dep] : [dep, s.name];
      const list = graph.get(waiter) ?? [];
      list.push(waited);
      graph.set(waiter, list);
    }
  }
  return graph;
}

function renderProblems(problems: readonly TimelineEntry[]): string {
  const rows = problems
    .map(
      (h) =>
        `<tr><td>${esc(h.phase)}</td><td>${esc(h.hook)}</td><td>${esc(h.outcome === 'pending' ? 'never finished' : h.outcome)}</td><td>${esc(
          formatMs(h.durationMs),
        )}</td><td>${esc(h.error ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<h2>Problems</h2>\n<table><tr><th>phase</th><th>hook</th><th>outcome</th><th>after</th><th>error</th></tr>\n${rows}\n</table>`;
}

/** Round steps (1, 2 or 5 times a power of ten) giving 4 to 10 grid lines over `range` ms. */
function ticks(range: number): number[] {
  const rough = range / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => range / s <= 10) ?? power * 10;
  const result: number[] = [];
  for (let t = 0; t <= range + step * 1e-9; t += step) result.push(Math.round(t / power) * power);
  return result;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

function n(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
