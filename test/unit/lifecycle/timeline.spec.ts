import 'reflect-metadata';
import type { Application } from '../../../src/application';
import { Module } from '../../../src/module/module-decorator';
import { createApplication } from '../../../src/create-application';
import { services } from '../../helpers/timed-services';
import { VirtualClock } from '../../helpers/virtual-clock';

/** `hook start-end outcome[*]` per entry: `*` marks the critical path. */
const rows = (app: Application, phase?: 'start' | 'stop') =>
  app
    .timeline()
    .hooks.filter((h) => phase === undefined || h.phase === phase)
    .map((h) => `${h.hook} ${h.startMs}-${h.endMs} ${h.outcome}${h.critical ? '*' : ''}`);

describe('timeline', () => {
  it('records every hook of start and stop with its times, and marks each phase critical path', async () => {
    const clock = new VirtualClock();
    const { build } = services(
      {
        Db: { start: 40, stop: 5 },
        Cache: { deps: ['Db'], start: 12, stop: 2 },
        Metrics: { start: 8, stop: 9 },
        Api: { deps: ['Cache', 'Metrics'], start: 3, stop: 4 },
      },
      clock,
    );
    const app = await build();
    app.recordTimeline();

    await clock.run(app.start());
    await clock.run(app.stop());

    expect(rows(app)).toEqual([
      'Db.start 0-40 ok*',
      'Metrics.start 0-8 ok',
      'Cache.start 40-52 ok*',
      'Api.start 52-55 ok*',
      'Api.stop 55-59 ok*',
      // Stopping, Api -> Metrics (4 + 9 ms) is longer than Api -> Cache -> Db (4 + 2 + 5 ms).
      'Cache.stop 59-61 ok',
      'Metrics.stop 59-68 ok*',
      'Db.stop 61-66 ok',
    ]);
    const timeline = app.timeline();
    expect([timeline.start, timeline.stop]).toEqual([
      { beginMs: 0, endMs: 55, criticalPathMs: 55, criticalPath: ['Db', 'Cache', 'Api'] },
      { beginMs: 55, endMs: 68, criticalPathMs: 13, criticalPath: ['Api', 'Metrics'] },
    ]);
  });

  it('marks the stop critical path along dependents: Db waiting on Cache waiting on a slow Api', async () => {
    const clock = new VirtualClock();
    const { build } = services(
      { Db: { stop: 5 }, Cache: { deps: ['Db'], stop: 2 }, Metrics: { stop: 1 }, Api: { deps: ['Cache', 'Metrics'], stop: 20 } },
      clock,
    );
    const app = await build();
    app.recordTimeline();

    await clock.run(app.start());
    await clock.run(app.stop());

    expect(rows(app, 'stop')).toEqual(['Api.stop 0-20 ok*', 'Cache.stop 20-22 ok*', 'Metrics.stop 20-21 ok', 'Db.stop 22-27 ok*']);
  });

  it('reports a failed OnStart as failed with its error, and the rollback as the stop phase', async () => {
    const clock = new VirtualClock();
    const { build } = services({ Db: { start: 10, stop: 1 }, Api: { deps: ['Db'], start: 'reject' } }, clock);
    const app = await build();
    app.recordTimeline();

    await expect(clock.run(app.start())).rejects.toThrow('Api rejected');

    const timeline = app.timeline();
    expect(rows(app)).toEqual(['Db.start 0-10 ok*', 'Api.start 10-15 failed*', 'Db.stop 15-16 ok*']);
    expect(timeline.hooks[1]!.error).toBe('Api rejected');
    expect([timeline.start?.endMs, timeline.stop?.beginMs]).toEqual([15, 15]);
  });

  it('reports a hook past its timeout as timeout', async () => {
    const clock = new VirtualClock();
    const { build } = services({ Db: { start: 'hang' } }, clock);
    const app = await build({ startTimeout: 100 });
    app.recordTimeline();

    await expect(clock.run(app.start())).rejects.toThrow('timed out after 100 ms');

    expect(rows(app)).toEqual(['Db.start 0-100 timeout*']);
  });

  it('shows a hook still running at the shutdown timeout as pending until the end of stop', async () => {
    const clock = new VirtualClock();
    const { build } = services({ Db: { stop: 5 }, Api: { deps: ['Db'], stop: 'hang' } }, clock);
    const app = await build({ shutdownTimeout: 50 });
    app.recordTimeline();
    await clock.run(app.start());

    await expect(clock.run(app.stop())).rejects.toThrow(/Api\.stop/);

    expect(rows(app, 'stop')).toEqual(['Api.stop 0-50 pending*']);
    expect(app.timeline().stop).toMatchObject({ beginMs: 0, endMs: 50 });
  });

  it('lists every service in start order with its dependencies', async () => {
    const clock = new VirtualClock();
    const { build } = services({ Api: { deps: ['Db'], start: 1 }, Db: {} }, clock);
    const app = await build();
    app.recordTimeline();

    expect(app.timeline().services).toEqual([
      { name: 'Db', dependencies: [] },
      { name: 'Api', dependencies: ['Db'] },
    ]);
  });

  it('throws INVALID_STATE from timeline() when the app does not record one', async () => {
    const clock = new VirtualClock();
    const app = await services({ Db: { start: 1 } }, clock).build();
    await clock.run(app.start());

    expect(() => app.timeline()).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringContaining('timeline: true') }),
    );
  });
});

describe('the timeline option', () => {
  @Module({})
  class Empty {}

  it('records with timeline: true and not by default', async () => {
    const withTimeline = await createApplication(Empty, { timeline: true, logLevel: 'error' });
    const without = await createApplication(Empty, { logLevel: 'error' });
    await withTimeline.start();
    await withTimeline.stop();

    expect(withTimeline.timeline().hooks.map((h) => `${h.phase} ${h.hook}`)).toEqual([
      'start LazyThreadPool.start',
      'stop LazyThreadPool.stop',
    ]);
    expect(() => without.timeline()).toThrow(/nothing to show/);
  });

  it('rejects an empty path as an invalid setting', async () => {
    await expect(createApplication(Empty, { timeline: ' ' })).rejects.toMatchObject({ code: 'INVALID_SETTINGS' });
  });
});
