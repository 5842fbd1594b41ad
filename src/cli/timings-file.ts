import { readFileSync } from 'node:fs';
import type { HookPhase } from '../lifecycle/hook-decorators';
import type { ApplicationTimeline, HookOutcome } from '../lifecycle/timeline';
import { CliError } from './cli-error';

/** What one run measured, per hook: what `keel plan --timings` estimates from. Written next to the HTML timeline. */
export interface TimingsFile {
  format: 'keel-timings';
  version: 1;
  /** The root module's name, when known. */
  app?: string;
  /** ISO 8601, when the run that measured this stopped. */
  recordedAt: string;
  hooks: HookTiming[];
}

export interface HookTiming {
  service: string;
  /** `Class.method`. */
  hook: string;
  phase: HookPhase;
  ms: number;
  outcome: HookOutcome;
}

/** The timings of a timeline; a hook that ran more than once keeps its last run. */
export function toTimings(timeline: ApplicationTimeline, meta: { app?: string; recordedAt?: Date } = {}): TimingsFile {
  const last = new Map<string, HookTiming>();
  for (const h of timeline.hooks) {
    last.set(timingKey(h.service, h.hook, h.phase), {
      service: h.service,
      hook: h.hook,
      phase: h.phase,
      ms: round(h.durationMs),
      outcome: h.outcome,
    });
  }
  return {
    format: 'keel-timings',
    version: 1,
    ...(meta.app === undefined ? {} : { app: meta.app }),
    recordedAt: (meta.recordedAt ?? new Date()).toISOString(),
    hooks: [...last.values()],
  };
}

/** Reads and checks a timings file; any problem is one CliError line naming the file. */
export function readTimings(path: string): TimingsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `timings file not found: ${path}` : `cannot read timings file ${path}: ${String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`timings file ${path} is not JSON; it is written next to the HTML of a KEEL_TIMELINE run (*.timings.json).`);
  }
  const file = parsed as Partial<TimingsFile> | null;
  if (file?.format !== 'keel-timings' || file.version !== 1 || !Array.isArray(file.hooks)) {
    throw new CliError(
      `${path} is not a keel timings file (format "keel-timings", version 1); use the *.timings.json of a KEEL_TIMELINE run.`,
    );
  }
  for (const h of file.hooks as unknown[]) {
    const hook = h as Partial<HookTiming> | null;
    if (typeof hook?.service !== 'string' || typeof hook.hook !== 'string' || typeof hook.ms !== 'number' || !Number.isFinite(hook.ms)) {
      throw new CliError(`${path} has a malformed hook entry: ${JSON.stringify(h)}`);
    }
    if (hook.phase !== 'start' && hook.phase !== 'stop') throw new CliError(`${path} has a hook with phase ${JSON.stringify(hook.phase)}`);
  }
  return file as TimingsFile;
}

export function timingKey(service: string, hook: string, phase: HookPhase): string {
  return `${phase}\u0000${service}\u0000${hook}`;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
