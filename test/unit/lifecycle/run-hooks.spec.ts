import 'reflect-metadata';
import { injectable } from 'inversify';
import { LifecycleHookError, type StopError } from '../../../src/errors';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import type { LifecycleEvent } from '../../../src/lifecycle/lifecycle-events';
import { Module, type ModuleClass } from '../../../src/module/module-decorator';
import { buildCoreApp, type CoreAppOptions } from '../../helpers/build-core-app';
import { VirtualClock } from '../../helpers/virtual-clock';

async function startError(root: ModuleClass, clock: VirtualClock, options: CoreAppOptions = {}): Promise<LifecycleHookError> {
  const app = await buildCoreApp(root, { clock, ...options });
  const error = await clock.run(app.start()).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LifecycleHookError)) throw new Error(`expected a LifecycleHookError, got ${String(error)}`);
  return error;
}

describe('hooks', () => {
  it('run sync and async hooks of one class one after another, in declaration order', async () => {
    const clock = new VirtualClock();
    const calls: string[] = [];
    @injectable()
    class Db {
      @OnStart() async connect() {
        await clock.sleep(10);
        calls.push(`connect@${clock.now()}`);
      }
      @OnStart() migrate() {
        calls.push(`migrate@${clock.now()}`);
      }
      @OnStart() async warm() {
        await clock.sleep(5);
        calls.push(`warm@${clock.now()}`);
      }
    }
    @Module({ providers: [Db] })
    class AppModule {}

    const app = await buildCoreApp(AppModule, { clock });
    await clock.run(app.start());

    expect(calls).toEqual(['connect@10', 'migrate@10', 'warm@15']);
  });

  it('run base class hooks first, and an overridden method once', async () => {
    const calls: string[] = [];
    class Base {
      @OnStart() open() {
        calls.push('Base.open');
      }
      @OnStart() check() {
        calls.push('Base.check');
      }
      @OnStop() close() {
        calls.push('Base.close');
      }
    }
    @injectable()
    class Service extends Base {
      @OnStart() ready() {
        calls.push('Service.ready');
      }
      override check() {
        calls.push('Service.check');
      }
      @OnStop() override close() {
        calls.push('Service.close');
        super.close();
      }
    }
    @Module({ providers: [Service] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);
    await app.start();
    await app.stop();

    expect(calls).toEqual(['Base.open', 'Service.check', 'Service.ready', 'Service.close', 'Base.close']);
  });

  it('run with `this` bound to the instance', async () => {
    const seen: unknown[] = [];
    @injectable()
    class Db {
      @OnStart() start() {
        seen.push(this);
      }
    }
    @Module({ providers: [Db] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);
    await app.start();

    expect(seen).toEqual([app.get(Db)]);
  });

  describe('timeouts', () => {
    it('fail an OnStart after the default 15000 ms, naming the hook', async () => {
      const clock = new VirtualClock();
      @injectable()
      class Db {
        @OnStart() async connect() {
          await clock.sleep(60_000);
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}

      const error = await startError(AppModule, clock);

      expect(error.code).toBe('HOOK_TIMEOUT');
      expect(error.hook).toBe('Db.connect');
      expect(error.message.split('\n')[0]).toBe('OnStart hook "Db.connect" timed out after 15000 ms.');
      expect(clock.now()).toBe(15_000);
    });

    it('use the startTimeout option as the default', async () => {
      const clock = new VirtualClock();
      @injectable()
      class Db {
        @OnStart() async connect() {
          await clock.sleep(60_000);
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}

      const error = await startError(AppModule, clock, { startTimeout: 200 });

      expect(error.message.split('\n')[0]).toBe('OnStart hook "Db.connect" timed out after 200 ms.');
      expect(clock.now()).toBe(200);
    });

    it("let a hook's own timeout override the default, shorter or longer", async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      @injectable()
      class Slow {
        @OnStart({ timeout: 30_000 }) async start() {
          await clock.sleep(20_000);
          calls.push(`Slow started@${clock.now()}`);
        }
      }
      @injectable()
      class Quick {
        constructor(readonly slow: Slow) {}
        @OnStart({ timeout: 50 }) async start() {
          await clock.sleep(100);
        }
      }
      @Module({ providers: [Slow, Quick] })
      class AppModule {}

      const error = await startError(AppModule, clock);

      expect(calls).toEqual(['Slow started@20000']);
      expect(error.message.split('\n')[0]).toBe('OnStart hook "Quick.start" timed out after 50 ms.');
      expect(clock.now()).toBe(20_050);
    });

    it('apply an OnStop hook timeout', async () => {
      const clock = new VirtualClock();
      @injectable()
      class Db {
        @OnStop({ timeout: 40 }) async close() {
          await clock.sleep(1000);
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      const app = await buildCoreApp(AppModule, { clock });
      await clock.run(app.start());

      const error = (await clock.run(app.stop()).catch((e: unknown) => e)) as StopError;

      expect(error.errors.map((e) => (e as Error).message.split('\n')[0])).toEqual(['OnStop hook "Db.close" timed out after 40 ms.']);
      expect(clock.now()).toBe(40);
    });

    it("run a service's next OnStop after one timed out, and ignore the late one settling meanwhile", async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      const events: string[] = [];
      @injectable()
      class Db {
        @OnStop({ timeout: 40 }) async flush() {
          await clock.sleep(60);
          calls.push(`flush settled@${clock.now()}`);
        }
        @OnStop({ timeout: 500 }) async close() {
          await clock.sleep(100);
          calls.push(`close settled@${clock.now()}`);
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      const app = await buildCoreApp(AppModule, { clock });
      app.onEvent((event) => {
        if (event.type === 'hook:finished' || event.type === 'hook:failed') events.push(`${event.type} ${event.hook}@${clock.now()}`);
      });
      await clock.run(app.start());

      const error = (await clock.run(app.stop()).catch((e: unknown) => e)) as StopError;

      expect(calls).toEqual(['flush settled@60', 'close settled@140']);
      expect(events).toEqual(['hook:failed Db.flush@40', 'hook:finished Db.close@140']);
      expect(error.errors.map((e) => (e as Error).message.split('\n')[0])).toEqual(['OnStop hook "Db.flush" timed out after 40 ms.']);
      expect(app.state).toBe('failed');
    });
  });

  describe('events', () => {
    it('report started, finished and failed hooks with durations', async () => {
      const clock = new VirtualClock();
      const events: LifecycleEvent[] = [];
      const boom = new Error('ECONNREFUSED');
      @injectable()
      class Cache {
        @OnStart() async open() {
          await clock.sleep(25);
        }
        @OnStop() close() {}
      }
      @injectable()
      class Db {
        constructor(readonly cache: Cache) {}
        @OnStart() async connect() {
          await clock.sleep(10);
          throw boom;
        }
      }
      @Module({ providers: [Cache, Db] })
      class AppModule {}

      const app = await buildCoreApp(AppModule, { clock, onEvent: (e) => events.push(e) });
      await clock.run(app.start()).catch(() => undefined);

      expect(events).toEqual([
        { type: 'hook:started', phase: 'start', service: 'Cache', hook: 'Cache.open' },
        { type: 'hook:finished', phase: 'start', service: 'Cache', hook: 'Cache.open', durationMs: 25 },
        { type: 'hook:started', phase: 'start', service: 'Db', hook: 'Db.connect' },
        { type: 'hook:failed', phase: 'start', service: 'Db', hook: 'Db.connect', durationMs: 10, error: boom },
        { type: 'app:stopping', reason: 'OnStart failed: OnStart hook "Db.connect" failed after 10 ms: ECONNREFUSED.' },
        { type: 'hook:started', phase: 'stop', service: 'Cache', hook: 'Cache.close' },
        { type: 'hook:finished', phase: 'stop', service: 'Cache', hook: 'Cache.close', durationMs: 0 },
        { type: 'app:stopped', durationMs: 0, failures: 0 },
      ]);
    });

    it('report app:started with the number of services and the critical path', async () => {
      const clock = new VirtualClock();
      const events: LifecycleEvent[] = [];
      @injectable()
      class Db {
        @OnStart() async start() {
          await clock.sleep(40);
        }
      }
      @injectable()
      class Cache {
        @OnStart() async start() {
          await clock.sleep(70);
        }
      }
      @injectable()
      class Plain {
        constructor(readonly db: Db) {}
      }
      @injectable()
      class Api {
        constructor(
          readonly plain: Plain,
          readonly cache: Cache,
        ) {}
        @OnStart() async start() {
          await clock.sleep(20);
        }
      }
      @Module({ providers: [Db, Cache, Plain, Api] })
      class AppModule {}

      const app = await buildCoreApp(AppModule, { clock, onEvent: (e) => events.push(e) });
      await clock.run(app.start());

      expect(events.filter((e) => e.type === 'app:started')).toEqual([
        { type: 'app:started', services: 4, durationMs: 90, criticalPathMs: 90 },
      ]);
    });

    it('keep going when a listener throws', async () => {
      const calls: string[] = [];
      @injectable()
      class Db {
        @OnStart() start() {
          calls.push('Db.start');
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      const app = await buildCoreApp(AppModule, {
        onEvent: () => {
          throw new Error('listener');
        },
      });

      await app.start();

      expect([calls, app.state]).toEqual([['Db.start'], 'running']);
    });
  });
});
