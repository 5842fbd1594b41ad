import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { ConfigModule } from '../../../src/config/config-module';
import { configSchema as s } from '../../../src/config/config-schema';
import type { InferConfig } from '../../../src/config/load-config';
import { CONFIG } from '../../../src/entrypoint/tokens';
import type { Application } from '../../../src/application';
import { KeelError, type ShutdownTimeoutError } from '../../../src/errors';
import { Every } from '../../../src/jobs/every-decorator';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { buildJobApp, sleepUnlessAborted } from './job-test-app';

describe('@Every', () => {
  it('runs every interval once the application is running, the first run one interval after start', async () => {
    const calls: string[] = [];
    let clockNow = () => 0;
    @injectable()
    class Cleaner {
      @Every('1s') sweep() {
        calls.push(`sweep@${clockNow()}`);
      }
    }
    const { app, clock } = await buildJobApp([Cleaner]);
    clockNow = () => clock.now();
    await app.start();
    await clock.tickAsync(3500);
    await app.stop();
    await clock.tickAsync(5000);
    expect(calls).toEqual(['sweep@1000', 'sweep@2000', 'sweep@3000']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('never runs while the application is starting, even with runOnStart', async () => {
    const calls: string[] = [];
    let now = () => 0;
    let state = () => '';
    let sleep = (_ms: number) => Promise.resolve();
    @injectable()
    class Warmup {
      @OnStart() async warm() {
        calls.push(`warm begin@${now()}`);
        await sleep(5000);
        calls.push(`warm end@${now()}`);
      }
    }
    @injectable()
    class Cleaner {
      @Every(1000, { runOnStart: true }) sweep() {
        calls.push(`sweep@${now()} (${state()})`);
      }
    }
    const built = await buildJobApp([Warmup, Cleaner]);
    now = () => built.clock.now();
    state = () => built.app.state;
    sleep = built.sleep;
    const starting = built.app.start();
    await built.clock.tickAsync(5000);
    await starting;
    await built.clock.tickAsync(1000);
    await built.app.stop();
    expect(calls).toEqual(['warm begin@0', 'warm end@5000', 'sweep@5000 (running)', 'sweep@6000 (running)']);
  });

  it('takes the first run after `delay`, then keeps the interval from it', async () => {
    const runs: number[] = [];
    let now = () => 0;
    @injectable()
    class Cleaner {
      @Every('1s', { delay: '250ms' }) sweep() {
        runs.push(now());
      }
    }
    const { app, clock } = await buildJobApp([Cleaner]);
    now = () => clock.now();
    await app.start();
    await clock.tickAsync(2500);
    await app.stop();
    expect(runs).toEqual([250, 1250, 2250]);
  });

  it('never overlaps runs: ticks that come while a run is going are skipped and counted', async () => {
    const calls: string[] = [];
    let active = 0;
    let mostActive = 0;
    const built = await buildJobApp([]);
    @injectable()
    class Slow {
      @Every(1000) async crunch() {
        mostActive = Math.max(mostActive, ++active);
        calls.push(`begin@${built.clock.now()}`);
        await built.sleep(2500);
        active--;
      }
    }
    const { app, clock, jobEvents } = await buildJobApp([Slow], { clock: built.clock });
    await app.start();
    await clock.tickAsync(7500);
    const stopping = app.stop();
    await clock.tickAsync(2000);
    await stopping;
    expect(calls).toEqual(['begin@1000', 'begin@4000', 'begin@7000']);
    expect(jobEvents.filter((e) => e.startsWith('job:skipped'))).toEqual([
      'job:skipped Slow.crunch 2 (2)',
      'job:skipped Slow.crunch 2 (4)',
    ]);
    expect(mostActive).toBe(1);
  });

  it('runs a tick that falls exactly when the previous run ends, skipping nothing', async () => {
    const built = await buildJobApp([]);
    const runs: number[] = [];
    @injectable()
    class Exact {
      @Every(1000) async work() {
        runs.push(built.clock.now());
        await built.sleep(1000);
      }
    }
    const { app, clock, jobEvents } = await buildJobApp([Exact], { clock: built.clock });
    await app.start();
    await clock.tickAsync(3000);
    const stopping = app.stop();
    await clock.tickAsync(1000);
    await stopping;
    expect([runs, jobEvents.filter((e) => e.startsWith('job:skipped'))]).toEqual([[1000, 2000, 3000], []]);
  });

  it('on stop, starts no new run and waits for the running one before any OnStop; the run sees its signal abort', async () => {
    const calls: string[] = [];
    const built = await buildJobApp([]);
    const at = (what: string) => calls.push(`${what}@${built.clock.now()}`);
    @injectable()
    class Database {
      @OnStop() disconnect() {
        at('Database.disconnect');
      }
    }
    @injectable()
    class Cleaner {
      constructor(readonly db: Database) {}
      @Every(1000) async sweep(signal: AbortSignal) {
        at('sweep begin');
        await sleepUnlessAborted(built.clock, 10_000, signal);
        at(`sweep aborted=${signal.aborted}`);
        await built.sleep(300); // finishing up still uses the database
        at('sweep end');
      }
      @OnStop() close() {
        at('Cleaner.close');
      }
    }
    const { app, clock } = await buildJobApp([Database, Cleaner], { clock: built.clock });
    await app.start();
    await clock.tickAsync(1500);
    at('stop called');
    const stopping = app.stop();
    await clock.tickAsync(300);
    await stopping;
    await clock.tickAsync(10_000);
    expect(calls).toEqual([
      'sweep begin@1000',
      'stop called@1500',
      'sweep aborted=true@1500',
      'sweep end@1800',
      'Cleaner.close@1800',
      'Database.disconnect@1800',
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('holds stop no longer than shutdownTimeout when a run ignores its signal, failing the stop with SHUTDOWN_TIMEOUT', async () => {
    const built = await buildJobApp([]);
    @injectable()
    class Stubborn {
      @Every(1000) async sweep() {
        await built.sleep(60_000);
      }
    }
    const { app, clock } = await buildJobApp([Stubborn], { clock: built.clock, shutdownTimeout: 2000 });
    await app.start();
    await clock.tickAsync(1000);
    const stopping = app.stop().catch((error: unknown) => error);
    await clock.tickAsync(2000);
    const error = (await stopping) as ShutdownTimeoutError;
    expect([error.code, error.pending, error.message.split('\n')[0], app.state]).toEqual([
      'SHUTDOWN_TIMEOUT',
      ['Stubborn.sweep'],
      'Shutdown did not finish within 2000 ms; still pending: Stubborn.sweep.',
      'failed',
    ]);
    expect(error.hint).toBe(
      'make Stubborn.sweep honour app.shutdownSignal, or raise shutdownTimeout. It was already running when stop() was called: if it awaits app.stop(), it waits for its own stop; from inside a hook or a job, call app.stop() without awaiting it and return.',
    );
  });

  it('names a run that awaits app.stop(), which holds the stop it asked for until shutdownTimeout, and says why', async () => {
    let app: Application | undefined;
    @injectable()
    class Reaper {
      @Every(1000) async sweep() {
        await Promise.resolve();
        await app!.stop('done sweeping'); // waits for the stop, which waits for this run
      }
    }
    const built = await buildJobApp([Reaper], { shutdownTimeout: 2000 });
    app = built.app;
    await app.start();
    const stopped = app.closing().then(() => app!.stop().catch((error: unknown) => error));
    await built.clock.tickAsync(1000);
    await built.clock.tickAsync(2000);
    const error = (await stopped) as ShutdownTimeoutError;
    expect([error.code, error.pending]).toEqual(['SHUTDOWN_TIMEOUT', ['Reaper.sweep']]);
    expect(error.hint).toBe(
      'make Reaper.sweep honour app.shutdownSignal, or raise shutdownTimeout. It was already running when stop() was called: if it awaits app.stop(), it waits for its own stop; from inside a hook or a job, call app.stop() without awaiting it and return.',
    );
  });

  it('reads an interval given as a function of the instance once the services are built, so it can come from CONFIG', async () => {
    const schema = { CLEANUP_INTERVAL: s.duration() };
    const runs: number[] = [];
    let now = () => 0;
    @injectable()
    class Cleaner {
      constructor(@inject(CONFIG) readonly config: InferConfig<typeof schema>) {}
      @Every((self: Cleaner) => self.config.CLEANUP_INTERVAL) sweep() {
        runs.push(now());
      }
    }
    const configModule = ConfigModule.forRoot({ schema, env: { CLEANUP_INTERVAL: '2s' } });
    const { app, clock } = await buildJobApp([Cleaner], { imports: [configModule] });
    now = () => clock.now();
    await app.start();
    await clock.tickAsync(5000);
    await app.stop();
    expect(runs).toEqual([2000, 4000]);
  });

  it('fails the build, before any OnStart, when an interval function gives a bad value, naming Class.method', async () => {
    const calls: string[] = [];
    @injectable()
    class Cleaner {
      readonly config = { CLEANUP: 'soon' };
      @OnStart() open() {
        calls.push('Cleaner.open');
      }
      @Every((self: Cleaner) => self.config.CLEANUP) sweep() {}
    }
    const error = await buildJobApp([Cleaner]).catch((e: unknown) => e);
    expect([(error as KeelError).code, (error as Error).message.split('\n')[0], calls]).toEqual([
      'INVALID_JOB',
      '@Every on Cleaner.sweep: interval "soon" is not a positive duration.',
      [],
    ]);
  });

  it('rejects bad literal values when the class is defined, naming Class.method', () => {
    const define = (decorate: () => MethodDecorator) => {
      try {
        class Cleaner {
          sweep() {}
        }
        decorate()(Cleaner.prototype, 'sweep', Object.getOwnPropertyDescriptor(Cleaner.prototype, 'sweep')!);
        return 'accepted';
      } catch (error) {
        return `${(error as KeelError).code}: ${(error as Error).message.split('\n')[0]}`;
      }
    };
    expect([
      define(() => Every('5 parsecs')),
      define(() => Every(0)),
      define(() => Every(-5)),
      define(() => Every(1000, { delay: 'later' })),
      define(() => Every(1000, { delay: 10, runOnStart: true })),
      define(() => Every(1000, { onError: 'ignore' as never })),
      define(() => Every('1.5m')),
    ]).toEqual([
      'INVALID_JOB: @Every on Cleaner.sweep: interval "5 parsecs" is not a positive duration.',
      'INVALID_JOB: @Every on Cleaner.sweep: interval 0 is not a positive duration.',
      'INVALID_JOB: @Every on Cleaner.sweep: interval -5 is not a positive duration.',
      'INVALID_JOB: @Every on Cleaner.sweep: delay "later" is not a duration.',
      'INVALID_JOB: @Every on Cleaner.sweep: runOnStart and delay both set the first run.',
      "INVALID_JOB: @Every on Cleaner.sweep: onError \"ignore\" is not 'log' or 'stop'.",
      'accepted',
    ]);
  });

  it('logs a failed run at error with Class.method and the error, and keeps the schedule', async () => {
    let runs = 0;
    @injectable()
    class Cleaner {
      @Every(1000) sweep() {
        if (++runs === 1) throw new Error('disk full');
      }
    }
    const { app, clock, logger, jobEvents } = await buildJobApp([Cleaner]);
    await app.start();
    await clock.tickAsync(2000);
    await app.stop();
    expect(jobEvents).toEqual([
      'job:started Cleaner.sweep #1',
      'job:failed Cleaner.sweep #1 -> continue',
      'job:started Cleaner.sweep #2',
      'job:finished Cleaner.sweep #2',
    ]);
    const errors = logger.records.filter((r) => r.level === 'error');
    expect(errors.map((r) => r.message)).toEqual(['@Every Cleaner.sweep failed after 0 ms: disk full; the schedule goes on']);
    expect((errors[0]?.meta.error as Error).message).toBe('disk full');
  });

  it("with onError: 'stop', stops the application as failed on the first failed run, naming Class.method and the error", async () => {
    const calls: string[] = [];
    @injectable()
    class Cleaner {
      @Every(1000, { onError: 'stop' }) sweep() {
        calls.push('sweep');
        throw new Error('disk full');
      }
      @OnStop() close() {
        calls.push('Cleaner.close');
      }
    }
    const { app, clock, logger } = await buildJobApp([Cleaner]);
    await app.start();
    await clock.tickAsync(5000);
    await app.stop();
    const failure = app.failure?.error as KeelError;
    expect([app.state, calls, failure.code, failure.message, (failure.cause as Error).message]).toEqual([
      'failed',
      ['sweep', 'Cleaner.close'],
      'JOB_FAILED',
      "@Every Cleaner.sweep failed (onError: 'stop'): disk full",
      'disk full',
    ]);
    expect(logger.records.map((r) => `${r.level} ${r.message}`)).toContain(
      "info stopping (@Every Cleaner.sweep failed (onError: 'stop'): disk full)",
    );
  });

  it('reports each run to onEvent listeners; one subscribed with { hooks: false } gets only the failures', async () => {
    let runs = 0;
    @injectable()
    class Cleaner {
      @Every(1000) sweep() {
        if (++runs === 2) throw new Error('disk full');
      }
    }
    const { app, clock, jobEvents } = await buildJobApp([Cleaner]);
    const quiet: string[] = [];
    app.onEvent((event) => void (event.type.startsWith('job:') && quiet.push(event.type)), { hooks: false });
    await app.start();
    await clock.tickAsync(2000);
    await app.stop();
    expect([jobEvents, quiet]).toEqual([
      [
        'job:started Cleaner.sweep #1',
        'job:finished Cleaner.sweep #1',
        'job:started Cleaner.sweep #2',
        'job:failed Cleaner.sweep #2 -> continue',
      ],
      ['job:failed'],
    ]);
  });

  it('runs the jobs of a base class on a subclass instance, and those of an alias (useExisting) once', async () => {
    const runs: string[] = [];
    class BaseCleaner {
      @Every(1000) sweep() {
        runs.push(`${this.constructor.name}.sweep`);
      }
    }
    @injectable()
    class TmpCleaner extends BaseCleaner {}
    const ALIAS = Symbol('ALIAS');
    const { app, clock } = await buildJobApp([TmpCleaner, { provide: ALIAS, useExisting: TmpCleaner }]);
    await app.start();
    await clock.tickAsync(1000);
    await app.stop();
    expect(runs).toEqual(['TmpCleaner.sweep']);
  });
});
