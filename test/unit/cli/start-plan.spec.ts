import { planStart } from '../../../src/cli/start-plan';
import { renderPlan } from '../../../src/cli/render-plan';
import type { TimingsFile } from '../../../src/cli/timings-file';
import type { ApplicationGraph, GraphNodeInfo } from '../../../src/lifecycle/describe-graph';

/** A graph as app.graph() describes it: `deps` by name, hooks as `Class.method` labels. */
function graphOf(specs: Record<string, { deps?: string[]; start?: string[]; stop?: string[]; module?: string }>): ApplicationGraph {
  const nodes: GraphNodeInfo[] = Object.entries(specs).map(([name, s]) => ({
    name,
    module: s.module ?? 'AppModule',
    scope: 'singleton',
    status: 'idle',
    onStart: s.start ?? [],
    onStop: s.stop ?? [],
  }));
  const edges = Object.entries(specs).flatMap(([from, s]) => (s.deps ?? []).map((to) => ({ from, to })));
  const order: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    for (const dep of specs[name]!.deps ?? []) visit(dep);
    order.push(name);
  };
  Object.keys(specs).forEach(visit);
  return { nodes, edges, startOrder: order, toMermaid: () => '', toDot: () => '' };
}

const hello = graphOf({
  LOGGER: { module: 'EntrypointModule' },
  CONFIG: {},
  Database: { deps: ['LOGGER', 'CONFIG'], start: ['Database.connect'], stop: ['Database.disconnect'] },
  Greeter: { deps: ['Database', 'CONFIG'] },
  HttpServer: { deps: ['Greeter', 'CONFIG', 'LOGGER'], start: ['HttpServer.listen'], stop: ['HttpServer.close'] },
});

const waves = (phase: ReturnType<typeof planStart>['start']) => phase.waves.map((w) => w.services.map((s) => s.name).join(' '));

describe('planStart', () => {
  it('puts each service in the wave after the last of its dependencies, and stops in the mirrored waves', () => {
    const plan = planStart(hello);

    expect([waves(plan.start), waves(plan.stop)]).toEqual([
      ['CONFIG', 'Database', 'Greeter', 'HttpServer'],
      ['HttpServer', 'Greeter', 'Database', 'CONFIG'],
    ]);
  });

  it("hides keel's built-in providers unless all, and counts them", () => {
    const hidden = planStart(hello);
    const all = planStart(hello, { all: true });

    expect([hidden.builtInsHidden, waves(hidden.start)[0], all.builtInsHidden, waves(all.start)[0]]).toEqual([
      1,
      'CONFIG',
      0,
      'LOGGER CONFIG',
    ]);
  });

  it('groups what can start together: independent branches share a wave', () => {
    const plan = planStart(
      graphOf({
        A: { start: ['A.s'] },
        B: { start: ['B.s'] },
        C: { deps: ['A'], start: ['C.s'] },
        D: { deps: ['C', 'B'], start: ['D.s'] },
      }),
    );

    expect(waves(plan.start)).toEqual(['A B', 'C', 'D']);
  });

  it('without timings, the critical path is the longest chain counted in hooks', () => {
    const plan = planStart(
      graphOf({
        A: { start: ['A.s'] },
        B: { start: ['B.a', 'B.b', 'B.c'] },
        C: { deps: ['A'], start: ['C.s'] },
        D: { deps: ['C', 'B'], start: ['D.s'] },
      }),
    );

    expect([plan.start.criticalPath.map((s) => s.name), plan.start.criticalPathHooks, plan.start.criticalPathMs]).toEqual([
      ['B', 'D'],
      4,
      undefined,
    ]);
  });

  it('with timings, estimates every service, wave and phase, and finds the critical path by milliseconds', () => {
    const timings: TimingsFile = {
      format: 'keel-timings',
      version: 1,
      recordedAt: '2026-12-01T08:00:00.000Z',
      hooks: [
        { service: 'A', hook: 'A.s', phase: 'start', ms: 40, outcome: 'ok' },
        { service: 'B', hook: 'B.s', phase: 'start', ms: 8, outcome: 'ok' },
        { service: 'C', hook: 'C.s', phase: 'start', ms: 12, outcome: 'ok' },
        { service: 'D', hook: 'D.s', phase: 'start', ms: 3, outcome: 'ok' },
        { service: 'D', hook: 'D.x', phase: 'stop', ms: 4, outcome: 'ok' },
      ],
    };
    const graph = graphOf({
      A: { start: ['A.s'], stop: ['A.x'] },
      B: { start: ['B.s'] },
      C: { deps: ['A'], start: ['C.s'] },
      D: { deps: ['C', 'B'], start: ['D.s'], stop: ['D.x'] },
    });

    const plan = planStart(graph, { timings });

    expect({
      waves: plan.start.waves.map((w) => [w.beginMs, w.endMs]),
      services: plan.start.waves.flatMap((w) => w.services.map((s) => `${s.name} ${s.beginMs}-${s.endMs}`)),
      critical: plan.start.criticalPath.map((s) => s.name),
      startMs: plan.start.criticalPathMs,
      stopMs: plan.stop.criticalPathMs,
      untimed: plan.untimed,
    }).toEqual({
      waves: [
        [0, 40],
        [40, 52],
        [52, 55],
      ],
      services: ['A 0-40', 'B 0-8', 'C 40-52', 'D 52-55'],
      critical: ['A', 'C', 'D'],
      startMs: 55,
      stopMs: 4,
      untimed: ['stop A.x'],
    });
  });
});

describe('renderPlan', () => {
  it('prints numbered waves, the stop order, the critical section and says the estimate is structural', () => {
    expect(renderPlan(planStart(hello), { module: 'AppModule', file: 'app.module.ts' })).toBe(
      [
        'keel plan: AppModule (app.module.ts)',
        '4 services, 2 OnStart and 2 OnStop hooks; 1 built-in keel providers hidden (--all shows them)',
        '',
        'start: a service starts as soon as everything it depends on has started',
        '  wave 1: CONFIG (no hooks)',
        '  wave 2: Database.connect',
        '  wave 3: Greeter (no hooks)',
        '  wave 4: HttpServer.listen',
        '',
        'stop: a service stops once everything that depends on it has stopped',
        '  wave 1: HttpServer.close',
        '  wave 2: Greeter (no hooks)',
        '  wave 3: Database.disconnect',
        '  wave 4: CONFIG (no hooks)',
        '',
        'critical: the longest chain of hooks, each waiting for the one before',
        '  start: Database.connect -> HttpServer.listen (2 hook(s) in sequence)',
        '  stop:  HttpServer.close -> Database.disconnect (2 hook(s) in sequence)',
        '',
        'estimate: structural only (no timings): the order and the waves are exact, durations unknown.',
        '  For milliseconds, run once with KEEL_TIMELINE=timeline.html and pass --timings timeline.timings.json.',
        '',
      ].join('\n'),
    );
  });

  it('prints estimated milliseconds per hook, per wave and per phase with timings', () => {
    const timings: TimingsFile = {
      format: 'keel-timings',
      version: 1,
      recordedAt: '2026-12-01T08:00:00.000Z',
      hooks: [
        { service: 'Database', hook: 'Database.connect', phase: 'start', ms: 52.4, outcome: 'ok' },
        { service: 'HttpServer', hook: 'HttpServer.listen', phase: 'start', ms: 2.6, outcome: 'ok' },
        { service: 'HttpServer', hook: 'HttpServer.close', phase: 'stop', ms: 1.2, outcome: 'ok' },
      ],
    };

    const text = renderPlan(planStart(hello, { timings }), { module: 'AppModule', file: 'app.module.ts', timingsFile: 't.json' });

    expect(text).toBe(
      [
        'keel plan: AppModule (app.module.ts)',
        '4 services, 2 OnStart and 2 OnStop hooks; 1 built-in keel providers hidden (--all shows them)',
        '',
        'start: a service starts as soon as everything it depends on has started',
        '  wave 1 (at 0 ms): CONFIG (no hooks)',
        '  wave 2 (0-52 ms): Database.connect 52 ms',
        '  wave 3 (at 52 ms): Greeter (no hooks)',
        '  wave 4 (52-55 ms): HttpServer.listen 2.6 ms',
        '  start: ~55 ms (its critical path)',
        '',
        'stop: a service stops once everything that depends on it has stopped',
        '  wave 1 (0-1.2 ms): HttpServer.close 1.2 ms',
        '  wave 2 (at 1.2 ms): Greeter (no hooks)',
        '  wave 3 (at 1.2 ms): Database.disconnect ?',
        '  wave 4 (at 1.2 ms): CONFIG (no hooks)',
        '  stop: ~1.2 ms (its critical path)',
        '',
        'critical: the longest chain of hooks, each waiting for the one before',
        '  start: Database.connect 52 ms -> HttpServer.listen 2.6 ms = 55 ms',
        '  stop:  HttpServer.close 1.2 ms -> Database.disconnect ? = 1.2 ms',
        '',
        'estimate: from t.json recorded 2026-12-01T08:00:00.000Z, assuming unlimited concurrency.',
        '  1 hook(s) not in it count as 0 ms: stop Database.disconnect',
        '',
      ].join('\n'),
    );
  });
});
