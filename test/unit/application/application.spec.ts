import 'reflect-metadata';
import { injectable } from 'inversify';
import { Application } from '../../../src/application';
import { ApplicationStateError, KeelError, ShutdownTimeoutError, StopError } from '../../../src/errors';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { buildCoreApp } from '../../helpers/build-core-app';
import { services } from '../../helpers/timed-services';
import { VirtualClock } from '../../helpers/virtual-clock';

describe('Application', () => {
  describe('state', () => {
    it('goes created -> starting -> running -> stopping -> stopped', async () => {
      const clock = new VirtualClock();
      const states: string[] = [];
      let app!: Application;
      @injectable()
      class Db {
        @OnStart() async start() {
          states.push(app.state);
          await clock.sleep(1);
        }
        @OnStop() async stop() {
          states.push(app.state);
          await clock.sleep(1);
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      app = await buildCoreApp(AppModule, { clock });
      states.push(app.state);

      await clock.run(app.start());
      states.push(app.state);
      await clock.run(app.stop());
      states.push(app.state);

      expect(states).toEqual(['created', 'starting', 'running', 'stopping', 'stopped']);
    });

    it('ends failed, keeping the first error, when fail() stops it at run time', async () => {
      const calls: string[] = [];
      @injectable()
      class Db {
        @OnStop() stop() {
          calls.push('Db.stop');
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      const app = await buildCoreApp(AppModule);
      await app.start();
      const first = new Error('loop crashed');
      await Promise.all([app.fail(first, 'Consumer.loop crashed'), app.fail(new Error('later'), 'again')]);

      expect({ state: app.state, failure: app.failure, calls }).toEqual({ state: 'failed', failure: { error: first }, calls: ['Db.stop'] });
    });

    it('builds without starting anything', async () => {
      const clock = new VirtualClock();
      const { build, calls } = services({ Db: { start: 1, stop: 1 } }, clock);

      const app = await build();

      expect([app.state, calls]).toEqual(['created', []]);
    });

    it('is failed after a start failure', async () => {
      const clock = new VirtualClock();
      const { build } = services({ Db: { start: 'throw' } }, clock);
      const app = await build();

      await clock.run(app.start()).catch(() => undefined);

      expect(app.state).toBe('failed');
    });

    it('refuses a second start with a clear error', async () => {
      const clock = new VirtualClock();
      const { build, calls } = services({ Db: { start: 1 } }, clock);
      const app = await build();
      await clock.run(app.start());

      const error = (await app.start().catch((e: unknown) => e)) as ApplicationStateError;

      expect(error).toBeInstanceOf(ApplicationStateError);
      expect(error.code).toBe('INVALID_STATE');
      expect(error.message).toBe(
        'start() called while the application is running.\nHint: an application starts once; build a new one to start again.',
      );
      expect(calls).toEqual(['Db.start@0', 'Db.started@1']);
    });

    it('refuses start while starting', async () => {
      const clock = new VirtualClock();
      const { build } = services({ Db: { start: 10 } }, clock);
      const app = await build();

      const first = app.start();
      const second = await app.start().catch((e: unknown) => e);
      await clock.run(first);

      expect((second as Error).message.split('\n')[0]).toBe('start() called while the application is starting.');
    });
  });

  describe('get / getAsync', () => {
    it('resolve providers, async factories through getAsync', async () => {
      @injectable()
      class Db {}
      @Module({ providers: [Db, { provide: 'conn', useFactory: async (db: Db) => ({ db }), inject: [Db] }] })
      class AppModule {}
      const app = await buildCoreApp(AppModule);

      expect(app.get(Db)).toBeInstanceOf(Db);
      expect(await app.getAsync('conn')).toEqual({ db: app.get(Db) });
    });
  });

  describe('closing()', () => {
    it('resolves when stop begins, before any OnStop finished', async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      let app!: Application;
      @injectable()
      class Db {
        @OnStart() start() {
          void app.closing().then(() => calls.push(`closing@${clock.now()}`));
        }
        @OnStop() async stop() {
          await clock.sleep(10);
          calls.push(`Db.stop@${clock.now()}`);
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      app = await buildCoreApp(AppModule, { clock });
      await clock.run(app.start());

      await clock.run(app.stop());

      expect(calls).toEqual(['closing@0', 'Db.stop@10']);
    });

    it('resolves at once when stop already began', async () => {
      @Module({})
      class AppModule {}
      const app = await buildCoreApp(AppModule);
      await app.start();
      await app.stop();

      // Raced against the next turn of the event loop, so a closing() that never resolves fails here, not by timeout.
      const outcome = await Promise.race([
        app.closing().then(() => 'resolved'),
        new Promise((resolve) => setImmediate(() => resolve('still pending'))),
      ]);

      expect(outcome).toBe('resolved');
    });

    it('stays pending while running', async () => {
      @Module({})
      class AppModule {}
      const app = await buildCoreApp(AppModule);
      await app.start();
      let closed = false;
      void app.closing().then(() => (closed = true));

      await new Promise((resolve) => setImmediate(resolve));

      expect(closed).toBe(false);
      await app.stop();
      expect(closed).toBe(true);
    });
  });

  describe('shutdownSignal', () => {
    it('is aborted when stop begins, before OnStop hooks run', async () => {
      const seen: boolean[] = [];
      let app!: Application;
      @injectable()
      class Db {
        @OnStop() stop() {
          seen.push(app.shutdownSignal.aborted);
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      app = await buildCoreApp(AppModule);
      await app.start();
      seen.push(app.shutdownSignal.aborted);

      await app.stop();

      expect(seen).toEqual([false, true]);
    });

    it('is aborted when first read after stop began', async () => {
      const seen: boolean[] = [];
      let app!: Application;
      @injectable()
      class Db {
        @OnStop() stop() {
          const signal = app.shutdownSignal;
          seen.push(signal.aborted);
          signal.addEventListener('abort', () => seen.push(true));
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      app = await buildCoreApp(AppModule);
      await app.start();

      await app.stop();

      // Aborted once: a listener added to an aborted signal is never called.
      expect([seen, app.shutdownSignal.aborted]).toEqual([[true], true]);
    });
  });

  describe('shutdownWaitsFor', () => {
    it('makes stop wait for the promise before any OnStop', async () => {
      const clock = new VirtualClock();
      const { build, calls } = services({ Db: { stop: 1 } }, clock);
      const app = await build();
      await clock.run(app.start());
      const job = app.shutdownWaitsFor(clock.sleep(30).then(() => void calls.push(`job done@${clock.now()}`)));

      await clock.run(app.stop());

      expect(calls).toEqual(['job done@30', 'Db.stop@30', 'Db.stopped@31']);
      await expect(job).resolves.toBeUndefined();
    });

    it('counts a rejected promise as a stop failure, after stopping every service', async () => {
      const clock = new VirtualClock();
      const { build, calls } = services({ Db: { stop: 1 } }, clock);
      const app = await build();
      await clock.run(app.start());
      app.shutdownWaitsFor(Promise.reject(new Error('flush failed'))).catch(() => undefined);

      const error = (await clock.run(app.stop()).catch((e: unknown) => e)) as StopError;

      expect(error).toBeInstanceOf(StopError);
      expect(error.errors.map((e) => (e as Error).message)).toEqual(['flush failed']);
      expect(calls).toEqual(['Db.stop@0', 'Db.stopped@1']);
    });

    it('is bounded by shutdownTimeout', async () => {
      const clock = new VirtualClock();
      const { build, calls } = services({ Db: { stop: 1 } }, clock);
      const app = await build({ shutdownTimeout: 100 });
      await clock.run(app.start());
      app.shutdownWaitsFor(clock.sleep(1_000));

      const error = (await clock.run(app.stop()).catch((e: unknown) => e)) as ShutdownTimeoutError;

      expect(error).toBeInstanceOf(ShutdownTimeoutError);
      expect(error.message.split('\n')[0]).toBe(
        'Shutdown did not finish within 100 ms; still pending: (nothing: waiting on shutdownWaitsFor promises).',
      );
      expect(clock.now()).toBe(100);
      expect(calls).toEqual([]);
    });
  });

  describe('[Symbol.asyncDispose]', () => {
    it('stops the application', async () => {
      const clock = new VirtualClock();
      const { build, calls } = services({ Db: { start: 1, stop: 1 } }, clock);
      const app = await build();
      await clock.run(app.start());

      await clock.run(app[Symbol.asyncDispose]());

      expect(calls).toEqual(['Db.start@0', 'Db.started@1', 'Db.stop@1', 'Db.stopped@2']);
      expect(app.state).toBe('stopped');
    });
  });

  describe('Application.current()', () => {
    it('is the application whose hooks are running, for each of two applications', async () => {
      const seen: [string, Application][] = [];
      const make = async (name: string) => {
        @injectable()
        class Service {
          @OnStart() async start() {
            await Promise.resolve();
            seen.push([`${name}.start`, Application.current()]);
          }
          @OnStop() stop() {
            seen.push([`${name}.stop`, Application.current()]);
          }
        }
        @Module({ providers: [Service] })
        class AppModule {}
        return buildCoreApp(AppModule);
      };
      const [one, two] = await Promise.all([make('one'), make('two')]);

      await Promise.all([one.start(), two.start()]);
      await Promise.all([one.stop(), two.stop()]);

      expect(seen.map(([label, app]) => [label, app === one ? 'one' : app === two ? 'two' : 'other'])).toEqual([
        ['one.start', 'one'],
        ['two.start', 'two'],
        ['one.stop', 'one'],
        ['two.stop', 'two'],
      ]);
    });

    it('throws NO_APPLICATION outside any application', () => {
      let error: unknown;
      try {
        Application.current();
      } catch (e) {
        error = e;
      }

      expect((error as KeelError).code).toBe('NO_APPLICATION');
    });
  });
});
