import 'reflect-metadata';
import { injectable } from 'inversify';
import { renderEvents } from '../../../src/entrypoint/render-events';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import type { LifecycleEvent } from '../../../src/lifecycle/lifecycle-events';
import type { LogLevel } from '../../../src/logging/logger';
import { Module } from '../../../src/module/module-decorator';
import { createTestingApp } from '../../../src/testing/create-testing-app';
import { MemoryLogger } from '../../../src/testing/memory-logger';

/** Renders `events` into a fresh MemoryLogger; returns `level message` lines. */
function render(events: LifecycleEvent[], hookTimings: boolean): { lines: string[]; logger: MemoryLogger } {
  const logger = new MemoryLogger();
  const listener = renderEvents(() => logger, { hookTimings });
  for (const event of events) listener(event);
  return { lines: logger.records.map((r) => `${r.level} ${r.message}`), logger };
}

/** `level message` with durations blanked, for lines of a real run. */
const shape = (logger: MemoryLogger, level?: LogLevel) =>
  logger.records
    .filter((r) => level === undefined || r.level === level)
    .map((r) => `${r.level} ${r.message.replace(/[\d.]+ ms/g, 'N ms')}`);

describe('renderEvents', () => {
  it("logs the start summary at info: 'started N services in X ms (critical path Y ms)'", () => {
    const { lines } = render([{ type: 'app:started', services: 12, durationMs: 41.26, criticalPathMs: 30.04 }], false);
    expect(lines).toEqual(['info started 12 services in 41.3 ms (critical path 30 ms)']);
  });

  it('logs a hook failure at warn with the error, the hook and its phase', () => {
    const error = new Error('connect ECONNREFUSED 127.0.0.1:5432\nat somewhere');
    const { lines, logger } = render(
      [{ type: 'hook:failed', phase: 'start', service: 'Database', hook: 'Database.connect', durationMs: 12, error }],
      false,
    );
    expect([lines, logger.records[0]?.meta]).toEqual([
      ['warn OnStart Database.connect failed after 12 ms: connect ECONNREFUSED 127.0.0.1:5432'],
      { component: 'keel', hook: 'Database.connect', phase: 'start', durationMs: 12 },
    ]);
  });

  it('logs stopping at info, and stopped at info when clean, at warn with failures', () => {
    const { lines } = render(
      [
        { type: 'app:stopping', reason: 'SIGTERM received' },
        { type: 'app:stopped', durationMs: 5, failures: 0 },
        { type: 'app:stopped', durationMs: 7, failures: 2 },
      ],
      false,
    );
    expect(lines).toEqual(['info stopping (SIGTERM received)', 'info stopped in 5 ms', 'warn stopped in 7 ms with 2 failure(s)']);
  });

  it('logs each finished hook at debug only when hook timings are on', () => {
    const events: LifecycleEvent[] = [
      { type: 'hook:started', phase: 'start', service: 'Cache', hook: 'Cache.open' },
      { type: 'hook:finished', phase: 'start', service: 'Cache', hook: 'Cache.open', durationMs: 3 },
      { type: 'hook:finished', phase: 'stop', service: 'Cache', hook: 'Cache.close', durationMs: 1 },
    ];
    expect([render(events, true).lines, render(events, false).lines]).toEqual([
      ['debug OnStart Cache.open finished in 3 ms', 'debug OnStop Cache.close finished in 1 ms'],
      [],
    ]);
  });

  it('logs job runs at debug only with timings on, failures at error with the error and what follows, skips at warn', () => {
    const error = new Error('disk full\nat somewhere');
    const events: LifecycleEvent[] = [
      { type: 'job:started', kind: 'every', job: 'Cleaner.sweep', run: 1 },
      { type: 'job:finished', kind: 'every', job: 'Cleaner.sweep', run: 1, durationMs: 4.04 },
      { type: 'job:failed', kind: 'every', job: 'Cleaner.sweep', run: 2, durationMs: 2, error, next: 'continue' },
      { type: 'job:failed', kind: 'cron', job: 'Report.send', run: 1, durationMs: 2, error, next: 'stop-app' },
      {
        type: 'job:failed',
        kind: 'background',
        job: 'Queue.consume',
        run: 3,
        durationMs: 9,
        error,
        next: 'restart',
        restartInMs: 400,
        restarts: 2,
      },
      { type: 'job:failed', kind: 'background', job: 'Queue.consume', run: 4, durationMs: 9, error, next: 'end' },
      { type: 'job:skipped', kind: 'every', job: 'Cleaner.sweep', skipped: 2, totalSkipped: 5 },
    ];
    const failures = [
      'error @Every Cleaner.sweep failed after 2 ms: disk full; the schedule goes on',
      'error @Cron Report.send failed after 2 ms: disk full; stopping the application',
      'error @Background Queue.consume failed after 9 ms: disk full; restart #2 in 400 ms',
      'error @Background Queue.consume failed after 9 ms: disk full; not restarted',
      'warn @Every Cleaner.sweep skipped 2 run(s) while the previous run was still going (5 skipped in all)',
    ];
    const { lines, logger } = render(events, false);
    expect([render(events, true).lines, lines]).toEqual([['debug @Every Cleaner.sweep finished in 4 ms', ...failures], failures]);
    // The record carries the error itself, so its stack and cause are written out.
    expect(logger.records[0]?.meta).toEqual({ component: 'keel', job: 'Cleaner.sweep', run: 2, durationMs: 2, next: 'continue', error });
  });

  it("writes through a child carrying { component: 'keel' }", () => {
    const { logger } = render([{ type: 'app:stopping', reason: 'x' }], false);
    expect(logger.records.map((r) => r.meta)).toEqual([{ component: 'keel' }]);
  });

  it('does not ask for the logger until there is a line to write', () => {
    const asked: string[] = [];
    const listener = renderEvents(
      () => {
        asked.push('logger');
        return new MemoryLogger();
      },
      { hookTimings: false },
    );
    listener({ type: 'hook:started', phase: 'start', service: 'A', hook: 'A.start' });
    listener({ type: 'hook:finished', phase: 'start', service: 'A', hook: 'A.start', durationMs: 1 });
    const before = [...asked];
    listener({ type: 'app:stopping', reason: 'x' });
    listener({ type: 'app:stopped', durationMs: 1, failures: 0 });
    expect([before, asked]).toEqual([[], ['logger']]);
  });

  describe('in an application', () => {
    @injectable()
    class Cache {
      @OnStart() open() {}
      @OnStop() close() {}
    }
    @injectable()
    class Api {
      constructor(readonly cache: Cache) {}
      @OnStart() listen() {
        throw new Error('port 80 in use');
      }
    }

    it('writes per-hook lines only at debug level', async () => {
      @Module({ providers: [Cache] })
      class AppModule {}
      const levels: Record<string, string[]> = {};
      for (const logLevel of ['info', 'debug'] as const) {
        const testing = createTestingApp(AppModule, { logLevel });
        const app = await testing.compile();
        await app.start();
        await app.stop();
        // The default THREAD_POOL has hooks too; look at Cache's (the start report's debug lines are tested apart).
        levels[logLevel] = shape(testing.logger, 'debug').filter((line) => /^debug On(Start|Stop) Cache/.test(line));
      }
      expect(levels).toEqual({
        info: [],
        debug: ['debug OnStart Cache.open finished in N ms', 'debug OnStop Cache.close finished in N ms'],
      });
    });

    it('reports a failed OnStart at warn, then the rollback', async () => {
      @Module({ providers: [Cache, Api] })
      class AppModule {}
      const testing = createTestingApp(AppModule, { logLevel: 'info' });
      const app = await testing.compile();
      await expect(app.start()).rejects.toThrow(/port 80 in use/);
      expect(shape(testing.logger)).toEqual([
        'warn OnStart Api.listen failed after N ms: port 80 in use',
        'info stopping (OnStart failed: OnStart hook "Api.listen" failed after N ms: port 80 in use.)',
        'info stopped in N ms',
      ]);
    });
  });
});
