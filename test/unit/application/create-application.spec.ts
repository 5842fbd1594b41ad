import 'reflect-metadata';
import { injectable } from 'inversify';
import { createApplication } from '../../../src/create-application';
import { LifecycleHookError, ShutdownTimeoutError } from '../../../src/errors';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import type { LifecycleEvent } from '../../../src/lifecycle/lifecycle-events';
import { Module } from '../../../src/module/module-decorator';
import { VirtualClock } from '../../helpers/virtual-clock';

// createApplication adds the Entrypoint's default providers; these tests look only at their own services.
const quiet = { logLevel: 'error' as const };

describe('createApplication', () => {
  it('builds without starting, then starts and stops in dependency order', async () => {
    const clock = new VirtualClock();
    const calls: string[] = [];
    @injectable()
    class Db {
      constructor() {
        calls.push('Db constructed');
      }
      @OnStart() start() {
        calls.push('Db.start');
      }
      @OnStop() stop() {
        calls.push('Db.stop');
      }
    }
    @injectable()
    class Api {
      constructor(readonly db: Db) {}
      @OnStart() start() {
        calls.push('Api.start');
      }
      @OnStop() stop() {
        calls.push('Api.stop');
      }
    }
    @Module({ providers: [Api, Db] })
    class AppModule {}

    const app = await createApplication(AppModule, { ...quiet, clock });
    expect([app.state, [...calls]]).toEqual(['created', ['Db constructed']]);
    await clock.run(app.start());
    await clock.run(app.stop());

    expect(calls).toEqual(['Db constructed', 'Db.start', 'Api.start', 'Api.stop', 'Db.stop']);
  });

  it('applies overrides before anything is built', async () => {
    const calls: string[] = [];
    @injectable()
    class Mailer {
      constructor() {
        calls.push('real Mailer constructed');
      }
    }
    @injectable()
    class Orders {
      constructor(readonly mailer: Mailer) {}
    }
    @Module({ providers: [Orders, Mailer] })
    class AppModule {}
    const fake = { fake: true };

    const app = await createApplication(AppModule, { ...quiet, overrides: [{ provide: Mailer, useValue: fake }] });

    expect(app.get(Orders).mailer).toBe(fake);
    expect(calls).toEqual([]);
  });

  it('uses startTimeout as the default per-hook limit', async () => {
    const clock = new VirtualClock();
    @injectable()
    class Db {
      @OnStart() async start() {
        await clock.sleep(10_000);
      }
    }
    @Module({ providers: [Db] })
    class AppModule {}
    const app = await createApplication(AppModule, { ...quiet, clock, startTimeout: 300 });

    const error = (await clock.run(app.start()).catch((e: unknown) => e)) as LifecycleHookError;

    expect(error.message.split('\n')[0]).toBe('OnStart hook "Db.start" timed out after 300 ms.');
  });

  it('bounds stop by shutdownTimeout', async () => {
    const clock = new VirtualClock();
    @injectable()
    class Db {
      @OnStop() async stop() {
        await clock.sleep(10_000);
      }
    }
    @Module({ providers: [Db] })
    class AppModule {}
    const app = await createApplication(AppModule, { ...quiet, clock, shutdownTimeout: 700 });
    await clock.run(app.start());

    const error = (await clock.run(app.stop()).catch((e: unknown) => e)) as ShutdownTimeoutError;

    expect([error.code, error.pending, clock.now()]).toEqual(['SHUTDOWN_TIMEOUT', ['Db.stop'], 700]);
  });

  it('caps concurrent starts with startConcurrency and reports events to onEvent', async () => {
    const clock = new VirtualClock();
    const events: LifecycleEvent[] = [];
    const make = (name: string) => {
      @injectable()
      class Service {
        @OnStart() async start() {
          await clock.sleep(10);
        }
      }
      Object.defineProperty(Service, 'name', { value: name });
      return Service;
    };
    @Module({ providers: [make('A'), make('B'), make('C')] })
    class AppModule {}
    const app = await createApplication(AppModule, { ...quiet, clock, startConcurrency: 1, onEvent: (e) => events.push(e) });

    await clock.run(app.start());

    const mine = events.filter((e) => e.type === 'hook:finished' && ['A', 'B', 'C'].includes(e.service));
    expect(mine.map((e) => e.type === 'hook:finished' && `${e.hook}@${e.durationMs}`)).toEqual(['A.start@10', 'B.start@10', 'C.start@10']);
    expect(clock.now()).toBe(30);
    await clock.run(app.stop());
  });
});
