import { formatMs } from './format-ms';
import type { PlannedPhase, PlannedService, StartPlan } from './start-plan';

/** The plan as text: numbered start waves, stop waves, the critical section, and what the estimate rests on. */
export function renderPlan(plan: StartPlan, meta: { module: string; file: string; timingsFile?: string }): string {
  const timed = plan.timings !== undefined;
  const count = (phase: PlannedPhase) => phase.waves.reduce((sum, w) => sum + w.services.reduce((s, svc) => s + svc.hooks.length, 0), 0);
  const lines = [
    `keel plan: ${meta.module} (${meta.file})`,
    `${plan.services} services, ${count(plan.start)} OnStart and ${count(plan.stop)} OnStop hooks` +
      (plan.builtInsHidden > 0 ? `; ${plan.builtInsHidden} built-in keel providers hidden (--all shows them)` : ''),
    '',
    'start: a service starts as soon as everything it depends on has started',
    ...renderWaves(plan.start, timed),
    ...(timed ? [`  start: ~${formatMs(plan.start.criticalPathMs!)} (its critical path)`] : []),
    '',
    'stop: a service stops once everything that depends on it has stopped',
    ...renderWaves(plan.stop, timed),
    ...(timed ? [`  stop: ~${formatMs(plan.stop.criticalPathMs!)} (its critical path)`] : []),
    '',
    'critical: the longest chain of hooks, each waiting for the one before',
    `  start: ${renderChain(plan.start, timed)}`,
    `  stop:  ${renderChain(plan.stop, timed)}`,
    '',
  ];
  if (timed) {
    const recorded = plan.timings!.recordedAt ? ` recorded ${plan.timings!.recordedAt}` : '';
    lines.push(`estimate: from ${meta.timingsFile ?? 'the timings file'}${recorded}, assuming unlimited concurrency.`);
    if (plan.untimed.length > 0) lines.push(`  ${plan.untimed.length} hook(s) not in it count as 0 ms: ${plan.untimed.join(', ')}`);
  } else {
    lines.push(
      'estimate: structural only (no timings): the order and the waves are exact, durations unknown.',
      '  For milliseconds, run once with KEEL_TIMELINE=timeline.html and pass --timings timeline.timings.json.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function renderWaves(phase: PlannedPhase, timed: boolean): string[] {
  return phase.waves.map((wave) => {
    const window = timed ? ` (${formatRange(wave.beginMs!, wave.endMs!)})` : '';
    return `  wave ${wave.index}${window}: ${wave.services.map((s) => renderService(s, timed)).join(', ')}`;
  });
}

function renderService(service: PlannedService, timed: boolean): string {
  if (service.hooks.length === 0) return `${service.name} (no hooks)`;
  return service.hooks.map((h) => (timed ? `${h.hook} ${h.ms === undefined ? '?' : formatMs(h.ms)}` : h.hook)).join(' + ');
}

function renderChain(phase: PlannedPhase, timed: boolean): string {
  if (phase.criticalPath.length === 0) return '(no hooks)';
  const chain = phase.criticalPath.map((s) => renderService(s, timed)).join(' -> ');
  return timed ? `${chain} = ${formatMs(phase.criticalPathMs!)}` : `${chain} (${phase.criticalPathHooks} hook(s) in sequence)`;
}

function formatRange(begin: number, end: number): string {
  return begin === end ? `at ${formatMs(begin)}` : `${formatMs(begin).replace(/ ms$/, '')}-${formatMs(end)}`;
}
