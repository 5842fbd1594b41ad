import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { Application } from '../../../src/application';
import { createApplication } from '../../../src/create-application';
import { DeferredLogger } from '../../../src/entrypoint/deferred-logger';
import { SETTINGS } from '../../../src/entrypoint/entrypoint-settings';
import { LazyThreadPool } from '../../../src/entrypoint/lazy-thread-pool';
import { APPLICATION, CONFIG, LOGGER, SIGNALS, THREAD_POOL } from '../../../src/entrypoint/tokens';
import { OnStart } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { ManualSignals } from '../../../src/signals/manual-signals';
import { ProcessSignals } from '../../../src/signals/process-signals';
import { MemoryLogger } from '../../../src/testing/memory-logger';
import type { ThreadPool } from '../../../src/workers/thread-pool';

// Keeps the default logger from writing keel's info lines to the test output.
const quiet = { logLevel: 'error' as const };

describe('Entrypoint providers', () => {
  describe('defaults', () => {
    it('binds SETTINGS, a deferred LOGGER, process SIGNALS, a lazy THREAD_POOL and APPLICATION', async () => {
      @Module({})
      class EmptyModule {}
      const app = await createApplication(EmptyModule, { ...quiet, poolSize: 3, catchSignals: ['SIGHUP'] });
      expect([
        app.get(SETTINGS).poolSize,
        app.get(LOGGER) instanceof DeferredLogger,
        app.get(SIGNALS) instanceof ProcessSignals,
        app.get(THREAD_POOL) instanceof LazyThreadPool,
        app.get(THREAD_POOL).size,
        app.get(APPLICATION) === app,
      ]).toEqual([3, true, true, true, 3, true]);
    });

    it('listens to the catchSignals setting through the default SIGNALS', async () => {
      @Module({})
      class EmptyModule {}
      const app = await createApplication(EmptyModule, { ...quiet, catchSignals: ['SIGHUP', 'SIGUSR2'] });
      const before = [process.listenerCount('SIGHUP'), process.listenerCount('SIGUSR2'), process.listenerCount('SIGINT')];
      const release = app.get(SIGNALS).subscribe(() => undefined);
      const during = [process.listenerCount('SIGHUP'), process.listenerCount('SIGUSR2'), process.listenerCount('SIGINT')];
      release();
      expect(during).toEqual([before[0]! + 1, before[1]! + 1, before[2]]);
    });

    it('makes CONFIG a frozen snapshot of the environment, not the live process.env', async () => {
      @Module({})
      class EmptyModule {}
      const app = await createApplication(EmptyModule, quiet);
      const config = app.get<Record<string, string | undefined>>(CONFIG);
      expect([config === process.env, Object.isFrozen(config), { ...config }]).toEqual([false, true, { ...process.env }]);
    });

    it('touches no process signal when building', async () => {
      @Module({})
      class EmptyModule {}
      const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
      await createApplication(EmptyModule, quiet);
      expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
    });
  });

  describe('app providers', () => {
    it('replace the LOGGER, SIGNALS, THREAD_POOL and CONFIG defaults without a duplicate-provider error', async () => {
      const logger = new MemoryLogger();
      const signals = new ManualSignals();
      const pool: ThreadPool = { size: 1, run: () => Promise.resolve(undefined as never) };
      const config = { PORT: '8080' };
      @Module({
        providers: [
          { provide: LOGGER, useValue: logger },
          { provide: SIGNALS, useValue: signals },
          { provide: THREAD_POOL, useValue: pool },
          { provide: CONFIG, useValue: config },
        ],
      })
      class AppModule {}

      const app = await createApplication(AppModule);
      const same = [app.get(LOGGER) === logger, app.get(SIGNALS) === signals, app.get(THREAD_POOL) === pool, app.get(CONFIG) === config];
      expect(same).toEqual([true, true, true, true]);
    });

    it('replacing a default with an async factory makes its dependents wait for it (keel resolves its own defaults synchronously)', async () => {
      const logger = new MemoryLogger();
      const config = { PORT: '8080' };
      @injectable()
      class Service {
        constructor(
          @inject(LOGGER) readonly logger: MemoryLogger,
          @inject(CONFIG) readonly config: unknown,
        ) {}
      }
      @Module({
        providers: [
          Service,
          { provide: LOGGER, useFactory: async () => logger },
          { provide: CONFIG, useFactory: () => Promise.resolve(config) },
        ],
      })
      class AppModule {}

      const app = await createApplication(AppModule);
      const service = app.get(Service);
      // A service is given a child of LOGGER (its service logger): it writes into the factory's logger.
      service.logger.info('from the service');
      expect([logger.records.some((r) => r.message === 'from the service'), service.config === config]).toEqual([true, true]);
    });

    it('replace a default from an imported module too', async () => {
      const signals = new ManualSignals();
      @Module({ providers: [{ provide: SIGNALS, useValue: signals }] })
      class SignalsModule {}
      @Module({ imports: [SignalsModule] })
      class AppModule {}

      const app = await createApplication(AppModule, quiet);
      expect(app.get(SIGNALS)).toBe(signals);
    });

    it('lets the replaced LOGGER receive keel’s own lifecycle lines', async () => {
      const logger = new MemoryLogger();
      @Module({ providers: [{ provide: LOGGER, useValue: logger }] })
      class AppModule {}

      const app = await createApplication(AppModule);
      await app.start();
      await app.stop();
      expect(logger.lines('info').map((line) => line.replace(/[\d.]+ ms/g, 'N ms'))).toEqual([
        'started 6 services in N ms (critical path N ms)',
        'stopping (stop() called)',
        'stopped in N ms',
      ]);
    });
  });

  describe('APPLICATION', () => {
    it('is injectable into a service and is the application itself', async () => {
      const states: string[] = [];
      @injectable()
      class Health {
        constructor(@inject(APPLICATION) readonly app: Application) {}
        @OnStart() check() {
          states.push(this.app.state);
        }
      }
      @Module({ providers: [Health, { provide: LOGGER, useValue: new MemoryLogger() }] })
      class AppModule {}

      const app = await createApplication(AppModule);
      await app.start();
      await app.stop();
      expect([app.get(Health).app === app, states]).toEqual([true, ['starting']]);
    });

    it('is injectable into a factory', async () => {
      @Module({
        providers: [
          { provide: 'stateOf', useFactory: (app: Application) => () => app.state, inject: [APPLICATION] },
          { provide: LOGGER, useValue: new MemoryLogger() },
        ],
      })
      class AppModule {}

      const app = await createApplication(AppModule);
      const stateOf = app.get<() => string>('stateOf');
      const states = [stateOf()];
      await app.start();
      states.push(stateOf());
      await app.stop();
      expect(states).toEqual(['created', 'running']);
    });
  });
});
