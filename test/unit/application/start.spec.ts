import 'reflect-metadata';
import { ContainerModule, inject, injectable } from 'inversify';
import { LifecycleHookError, StopError } from '../../../src/errors';
import { OnStart } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { buildCoreApp } from '../../helpers/build-core-app';
import { services } from '../../helpers/timed-services';
import { VirtualClock } from '../../helpers/virtual-clock';

describe('start', () => {
  it('starts dependencies before dependents and every service once', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services(
      { Config: { start: 5 }, Db: { deps: ['Config'], start: 10 }, Api: { deps: ['Db', 'Config'], start: 1 } },
      clock,
    );
    const app = await build();

    await clock.run(app.start());

    expect(calls).toEqual(['Config.start@0', 'Config.started@5', 'Db.start@5', 'Db.started@15', 'Api.start@15', 'Api.started@16']);
    expect(app.state).toBe('running');
  });

  it('starts independent services concurrently', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services({ A: { start: 10 }, B: { start: 10 }, C: { deps: ['A', 'B'], start: 1 } }, clock);
    const app = await build();

    await clock.run(app.start());

    expect(calls).toEqual(['A.start@0', 'B.start@0', 'A.started@10', 'B.started@10', 'C.start@10', 'C.started@11']);
  });

  it('takes the critical path, not the sum of the slowest service per level', async () => {
    const clock = new VirtualClock();
    // Levels: {S1, F1} then {S2 <- F1, F2 <- S1}. Level by level: 100 + 100; critical path: 110.
    const { build } = services(
      { S1: { start: 100 }, F1: { start: 10 }, S2: { deps: ['F1'], start: 100 }, F2: { deps: ['S1'], start: 10 } },
      clock,
    );
    const app = await build();

    await clock.run(app.start());

    expect(clock.now()).toBe(110);
  });

  it('orders through services without hooks: A -> plain B -> C starts C before A', async () => {
    const clock = new VirtualClock();
    const calls: string[] = [];
    @injectable()
    class C {
      @OnStart() async start() {
        await clock.sleep(10);
        calls.push(`C@${clock.now()}`);
      }
    }
    @injectable()
    class B {
      constructor(readonly c: C) {}
    }
    @injectable()
    class A {
      constructor(readonly b: B) {}
      @OnStart() start() {
        calls.push(`A@${clock.now()}`);
      }
    }
    @Module({ providers: [A, B, C] })
    class AppModule {}
    const app = await buildCoreApp(AppModule, { clock });

    await clock.run(app.start());

    expect(calls).toEqual(['C@10', 'A@10']);
  });

  it('orders class bindings of a raw ContainerModule by their constructors', async () => {
    const clock = new VirtualClock();
    const calls: string[] = [];
    @injectable()
    class Db {
      @OnStart() async start() {
        await clock.sleep(10);
        calls.push(`Db@${clock.now()}`);
      }
    }
    @injectable()
    class Api {
      constructor(readonly db: Db) {}
      @OnStart() start() {
        calls.push(`Api@${clock.now()}`);
      }
    }
    const raw = new ContainerModule(({ bind }) => {
      bind(Api).toSelf().inSingletonScope();
      bind(Db).toSelf().inSingletonScope();
    });
    @Module({ imports: [raw] })
    class AppModule {}
    const app = await buildCoreApp(AppModule, { clock });

    await clock.run(app.start());

    expect(calls).toEqual(['Db@10', 'Api@10']);
  });

  it('starts at most startConcurrency services at once', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services({ A: { start: 10 }, B: { start: 10 }, C: { start: 10 } }, clock);
    const app = await build({ startConcurrency: 2 });

    await clock.run(app.start());

    expect(calls.filter((c) => c.includes('.start@'))).toEqual(['A.start@0', 'B.start@0', 'C.start@10']);
    expect(clock.now()).toBe(20);
  });

  it('waits for an injected property dependency', async () => {
    const clock = new VirtualClock();
    const calls: string[] = [];
    @injectable()
    class Db {
      @OnStart() async start() {
        await clock.sleep(10);
        calls.push('Db');
      }
    }
    @injectable()
    class Api {
      @inject(Db) db!: Db;
      @OnStart() start() {
        calls.push('Api');
      }
    }
    @Module({ providers: [Api, Db] })
    class AppModule {}
    const app = await buildCoreApp(AppModule, { clock });

    await clock.run(app.start());

    expect(calls).toEqual(['Db', 'Api']);
  });

  describe('failure', () => {
    it.each([
      ['throws', 'throw' as const, 'OnStart hook "Db.start" failed after 0 ms: Db refused.', 'Db refused', 0],
      ['rejects', 'reject' as const, 'OnStart hook "Db.start" failed after 5 ms: Db rejected.', 'Db rejected', 5],
    ])('rejects with LifecycleHookError when a hook %s, naming Class.method, duration and cause', async (_, start, summary, cause, at) => {
      const clock = new VirtualClock();
      const { build } = services({ Db: { start } }, clock);
      const app = await build();

      const error = (await clock.run(app.start()).catch((e: unknown) => e)) as LifecycleHookError;

      expect(error).toBeInstanceOf(LifecycleHookError);
      expect(error.code).toBe('HOOK_FAILED');
      expect(error.hook).toBe('Db.start');
      expect(error.message.split('\n').slice(0, 2)).toEqual([summary, 'Stopped 0 started service(s) in reverse order; startup aborted.']);
      expect((error.cause as Error).message).toBe(cause);
      expect(clock.now()).toBe(at);
      expect(app.state).toBe('failed');
    });

    it('begins no new OnStart, awaits hooks in flight, then stops started services in reverse', async () => {
      const clock = new VirtualClock();
      const { build, calls } = services(
        {
          Config: { start: 1, stop: 1 },
          Cache: { deps: ['Config'], start: 1, stop: 1 },
          Slow: { deps: ['Config'], start: 50, stop: 1 },
          Db: { deps: ['Config'], start: 'reject' },
          Api: { deps: ['Cache', 'Db'], start: 1, stop: 1 },
          Worker: { deps: ['Slow'], start: 1, stop: 1 },
        },
        clock,
      );
      const app = await build();

      const error = (await clock.run(app.start()).catch((e: unknown) => e)) as LifecycleHookError;

      expect(calls).toEqual([
        'Config.start@0',
        'Config.started@1',
        'Cache.start@1',
        'Slow.start@1',
        'Db.start@1',
        'Cache.started@2',
        // Db fails at 6; Slow is in flight and awaited; Api and Worker never begin.
        'Slow.started@51',
        'Cache.stop@51',
        'Slow.stop@51',
        'Cache.stopped@52',
        'Slow.stopped@52',
        'Config.stop@52',
        'Config.stopped@53',
      ]);
      expect(error.message.split('\n').slice(0, 2)).toEqual([
        'OnStart hook "Db.start" failed after 5 ms: Db rejected.',
        'Stopped 3 started service(s) in reverse order (Cache.stop, Slow.stop, Config.stop); startup aborted.',
      ]);
      expect(error.rollback).toEqual({ services: 3, stopped: ['Cache.stop', 'Slow.stop', 'Config.stop'], failed: undefined });
    });

    it('names every hook that failed while in flight, not only the first', async () => {
      const clock = new VirtualClock();
      const { build } = services({ Db: { start: 'reject' }, Cache: { start: 'reject' }, Api: { deps: ['Db', 'Cache'], start: 1 } }, clock);
      const app = await build();

      const error = (await clock.run(app.start()).catch((e: unknown) => e)) as LifecycleHookError;

      expect(error.hook).toBe('Db.start');
      expect(error.message.split('\n').slice(0, 3)).toEqual([
        'OnStart hook "Db.start" failed after 5 ms: Db rejected.',
        'Stopped 0 started service(s) in reverse order; startup aborted.',
        'Also failed: OnStart hook "Cache.start" failed after 5 ms: Cache rejected.',
      ]);
      expect(error.alsoFailed.map((e) => (e as LifecycleHookError).hook)).toEqual(['Cache.start']);
    });

    it('fails on a hook that never settles after the start timeout, and rolls back', async () => {
      const clock = new VirtualClock();
      const { build, calls } = services({ Config: { start: 1, stop: 1 }, Db: { deps: ['Config'], start: 'hang' } }, clock);
      const app = await build();

      const error = (await clock.run(app.start()).catch((e: unknown) => e)) as LifecycleHookError;

      expect(error.code).toBe('HOOK_TIMEOUT');
      expect((error.cause as Error).message).toBe('still pending after 15000 ms');
      expect(error.message.split('\n').slice(0, 2)).toEqual([
        'OnStart hook "Db.start" timed out after 15000 ms.',
        'Stopped 1 started service(s) in reverse order (Config.stop); startup aborted.',
      ]);
      expect(calls).toEqual(['Config.start@0', 'Config.started@1', 'Db.start@1', 'Config.stop@15001', 'Config.stopped@15002']);
    });

    it('does not stop the service whose OnStart failed', async () => {
      const clock = new VirtualClock();
      const { build, calls } = services({ Db: { start: 'throw', stop: 1 } }, clock);
      const app = await build();

      await clock.run(app.start()).catch(() => undefined);

      expect(calls).toEqual(['Db.start@0']);
    });

    it('reports rollback failures in the start error', async () => {
      const clock = new VirtualClock();
      const { build } = services({ Config: { start: 1, stop: 'throw' }, Db: { deps: ['Config'], start: 'throw' } }, clock);
      const app = await build();

      const error = (await clock.run(app.start()).catch((e: unknown) => e)) as LifecycleHookError;

      expect(error.message.split('\n').slice(0, 2)).toEqual([
        'OnStart hook "Db.start" failed after 0 ms: Db refused.',
        'Stopped 1 started service(s) in reverse order; startup aborted. The rollback failed too: 1 OnStop hook(s) failed: OnStop hook "Config.stop" failed after 0 ms: Config stop failed.',
      ]);
      expect(error.rollback?.failed).toBeInstanceOf(StopError);
      expect((error.rollback?.failed as StopError).errors.map((e) => (e as LifecycleHookError).hook)).toEqual(['Config.stop']);
    });
  });
});
