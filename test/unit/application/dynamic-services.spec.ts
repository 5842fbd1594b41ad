import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { Application } from '../../../src/application';
import { ApplicationStateError, KeelError, LifecycleHookError, StopError } from '../../../src/errors';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { buildCoreApp } from '../../helpers/build-core-app';
import { VirtualClock } from '../../helpers/virtual-clock';

/** An app with Config <- Db, both with timed hooks, and helpers to make services that use Db. */
async function runningApp() {
  const clock = new VirtualClock();
  const calls: string[] = [];
  @injectable()
  class Config {
    @OnStart() start() {
      calls.push('Config.start');
    }
    @OnStop() stop() {
      calls.push('Config.stop');
    }
  }
  @injectable()
  class Db {
    constructor(readonly config: Config) {}
    @OnStart() start() {
      calls.push('Db.start');
    }
    @OnStop() async stop() {
      await clock.sleep(1);
      calls.push('Db.stop');
    }
  }
  @Module({ providers: [Config, Db] })
  class AppModule {}
  const app = await buildCoreApp(AppModule, { clock });
  await clock.run(app.start());
  calls.length = 0;

  const serviceUsingDb = (name: string, behaviour: { start?: 'throw' | number; stop?: 'throw' } = {}) => {
    @injectable()
    class Added {
      constructor(@inject(Db) readonly db: Db) {}
      @OnStart() async start() {
        if (behaviour.start === 'throw') throw new Error(`${name} refused`);
        await clock.sleep(behaviour.start ?? 0);
        calls.push(`${name}.start`);
      }
      @OnStop() stop() {
        if (behaviour.stop === 'throw') throw new Error(`${name} stop failed`);
        calls.push(`${name}.stop`);
      }
    }
    Object.defineProperty(Added, 'name', { value: name });
    return Added;
  };
  const names = () => app.graph().nodes.map((n) => `${n.name}:${n.status}`);
  return { app, clock, calls, Config, Db, serviceUsingDb, names };
}

describe('startServices', () => {
  it('adds and starts a service whose dependencies are running; it is stopped with the rest, before them', async () => {
    const { app, clock, calls, serviceUsingDb, names } = await runningApp();
    const Jobs = serviceUsingDb('Jobs');

    await clock.run(app.startServices(Jobs));
    expect(names()).toEqual(['Config:started', 'Db:started', 'Jobs:started']);
    expect(app.graph().edges).toContainEqual({ from: 'Jobs', to: 'Db' });
    await clock.run(app.stop());

    expect(calls).toEqual(['Jobs.start', 'Jobs.stop', 'Db.stop', 'Config.stop']);
    expect(app.get(Jobs)).toBeInstanceOf(Jobs);
  });

  it('starts several added services in dependency order', async () => {
    const { app, clock, calls, serviceUsingDb } = await runningApp();
    const Jobs = serviceUsingDb('Jobs', { start: 5 });
    @injectable()
    class Reports {
      constructor(@inject(Jobs) readonly jobs: unknown) {}
      @OnStart() start() {
        calls.push('Reports.start');
      }
    }

    await clock.run(app.startServices(Reports, Jobs));

    expect(calls).toEqual(['Jobs.start', 'Reports.start']);
  });

  it('needs a running application', async () => {
    @Module({})
    class AppModule {}
    const app = await buildCoreApp(AppModule);

    const error = (await app.startServices({ provide: 'x', useValue: 1 }).catch((e: unknown) => e)) as ApplicationStateError;

    expect(error).toBeInstanceOf(ApplicationStateError);
    expect(error.message).toBe('startServices() needs a running application; it is created.');
  });

  it('refuses a service whose dependency is not running, adding nothing', async () => {
    const { app, clock, serviceUsingDb, names, Db } = await runningApp();
    await clock.run(app.stopServices(Db));
    const before = names();

    const error = (await clock.run(app.startServices(serviceUsingDb('Jobs'))).catch((e: unknown) => e)) as ApplicationStateError;

    expect(error.message.split('\n')).toEqual([
      'startServices(): "Jobs" depends on "Db", which is stopped.',
      'Hint: start its dependencies first, or pass them in the same call.',
    ]);
    expect(names()).toEqual(before);
  });

  it('refuses a missing provider with the path, adding nothing', async () => {
    const { app, clock, names } = await runningApp();
    @injectable()
    class Jobs {
      constructor(@inject('Queue') readonly queue: unknown) {}
    }
    const before = names();

    const error = (await clock.run(app.startServices(Jobs)).catch((e: unknown) => e)) as KeelError;

    expect(error.code).toBe('MISSING_PROVIDER');
    expect(error.message.split('\n').slice(0, 2)).toEqual([
      'No provider for "Queue" (constructor argument #1 of Jobs(?)).',
      'Resolution path: startServices() -> Jobs -> Queue',
    ]);
    expect(names()).toEqual(before);
    expect(() => app.get(Jobs)).toThrow();
  });

  it('refuses a service that is already running', async () => {
    const { app, clock, Db } = await runningApp();

    const error = (await clock.run(app.startServices(Db)).catch((e: unknown) => e)) as ApplicationStateError;

    expect(error.message).toBe('startServices(): "Db" is already started.');
  });

  it('leaves nothing half-added when an OnStart fails: started ones are stopped and every added service is removed', async () => {
    const { app, clock, calls, serviceUsingDb, names } = await runningApp();
    const Jobs = serviceUsingDb('Jobs');
    const Broken = serviceUsingDb('Broken', { start: 'throw' });
    const before = names();

    const error = (await clock.run(app.startServices(Jobs, Broken)).catch((e: unknown) => e)) as LifecycleHookError;

    expect(error).toBeInstanceOf(LifecycleHookError);
    expect(error.hook).toBe('Broken.start');
    expect(calls).toEqual(['Jobs.start', 'Jobs.stop']);
    expect(names()).toEqual(before);
    expect(() => app.get(Jobs)).toThrow();
    expect(app.state).toBe('running');
  });

  it('can add a service again after a failed attempt', async () => {
    const { app, clock, calls } = await runningApp();
    let fail = true;
    @injectable()
    class Jobs {
      @OnStart() start() {
        if (fail) throw new Error('not yet');
        calls.push('Jobs.start');
      }
    }
    await clock.run(app.startServices(Jobs)).catch(() => undefined);
    fail = false;

    await clock.run(app.startServices(Jobs));

    expect(calls).toEqual(['Jobs.start']);
    expect(app.graph().nodes.map((n) => `${n.name}:${n.status}`)).toEqual(['Config:started', 'Db:started', 'Jobs:started']);
  });

  it('runs added hooks with Application.current() set to the application', async () => {
    const { app, clock } = await runningApp();
    const seen: unknown[] = [];
    @injectable()
    class Jobs {
      @OnStart() start() {
        seen.push(Application.current());
      }
    }

    await clock.run(app.startServices(Jobs));

    expect(seen).toEqual([app]);
  });

  it('lets stop() wait for services being added, and stops them with the rest', async () => {
    const { app, clock, calls, serviceUsingDb } = await runningApp();
    const Jobs = serviceUsingDb('Jobs', { start: 10 });

    const adding = app.startServices(Jobs);
    const stopping = clock.sleep(5).then(() => app.stop());
    await clock.run(Promise.allSettled([adding, stopping]));

    expect(calls).toEqual(['Jobs.start', 'Jobs.stop', 'Db.stop', 'Config.stop']);
  });

  it('adds nothing that had not begun when stop() is called meanwhile, rejecting with START_ABORTED', async () => {
    const { app, clock, calls, serviceUsingDb } = await runningApp();
    const Jobs = serviceUsingDb('Jobs', { start: 10 });
    @injectable()
    class Reports {
      constructor(@inject(Jobs) readonly jobs: unknown) {}
      @OnStart() start() {
        calls.push('Reports.start');
      }
    }

    const adding = app.startServices(Reports, Jobs);
    const stopping = clock.sleep(5).then(() => app.stop());
    const [added] = await clock.run(Promise.allSettled([adding, stopping]));

    expect(added).toMatchObject({ status: 'rejected', reason: { code: 'START_ABORTED' } });
    expect(calls).toEqual(['Jobs.start', 'Jobs.stop', 'Db.stop', 'Config.stop']);
    expect(app.graph().nodes.map((n) => n.name)).toEqual(['Config', 'Db']);
  });
});

describe('stopServices', () => {
  it('stops the named services, dependents first, and stop() does not stop them again', async () => {
    const { app, clock, calls, serviceUsingDb, names, Db } = await runningApp();
    const Jobs = serviceUsingDb('Jobs');
    await clock.run(app.startServices(Jobs));
    calls.length = 0;

    await clock.run(app.stopServices(Db, Jobs));
    expect(names()).toEqual(['Config:started', 'Db:stopped', 'Jobs:stopped']);
    await clock.run(app.stop());

    expect(calls).toEqual(['Jobs.stop', 'Db.stop', 'Config.stop']);
  });

  it('makes stop() wait for it, so no dependency stops under a service still stopping', async () => {
    const { app, clock, calls, Db } = await runningApp();
    @injectable()
    class Jobs {
      constructor(@inject(Db) readonly db: unknown) {}
      @OnStop() async stop() {
        await clock.sleep(10);
        calls.push(`Jobs.stop@${clock.now()}`);
      }
    }
    await clock.run(app.startServices(Jobs));

    const stoppingJobs = app.stopServices(Jobs);
    await clock.run(Promise.all([stoppingJobs, clock.sleep(5).then(() => app.stop())]));

    expect(calls).toEqual(['Jobs.stop@10', 'Db.stop', 'Config.stop']);
  });

  it('refuses a service that another stopServices() call is already stopping, so it is not stopped twice or under its dependent', async () => {
    const { app, clock, calls, Db } = await runningApp();
    @injectable()
    class Jobs {
      constructor(@inject(Db) readonly db: unknown) {}
      @OnStop() async stop() {
        await clock.sleep(10);
        calls.push(`Jobs.stop@${clock.now()}`);
      }
    }
    await clock.run(app.startServices(Jobs));

    // Db waits for Jobs inside the first call, still 'started': only the call that claimed it may stop it.
    const first = app.stopServices(Jobs, Db);
    const second = (await clock.run(app.stopServices(Db)).catch((e: unknown) => e)) as ApplicationStateError;
    await clock.run(first);

    expect(second).toBeInstanceOf(ApplicationStateError);
    expect(second.message).toBe('stopServices(): "Db" is already being stopped.');
    expect(calls).toEqual(['Jobs.stop@10', 'Db.stop']);
  });

  it('refuses a dependency of a service another stopServices() call is still stopping', async () => {
    const { app, clock, calls, Db } = await runningApp();
    @injectable()
    class Jobs {
      constructor(@inject(Db) readonly db: unknown) {}
      @OnStop() async stop() {
        await clock.sleep(10);
        calls.push(`Jobs.stop@${clock.now()}`);
      }
    }
    await clock.run(app.startServices(Jobs));

    const first = app.stopServices(Jobs);
    const second = (await clock.run(app.stopServices(Db)).catch((e: unknown) => e)) as ApplicationStateError;
    await clock.run(first);

    expect(second.message.split('\n')).toEqual([
      'stopServices(): "Db" is still needed by "Jobs", which is being stopped.',
      'Hint: await that stopServices() call first, or stop both in one call.',
    ]);
    expect(calls).toEqual(['Jobs.stop@10']);
    await clock.run(app.stopServices(Db));
    expect(calls).toEqual(['Jobs.stop@10', 'Db.stop']);
  });

  it('refuses to stop a service a running service still needs', async () => {
    const { app, clock, calls, Config } = await runningApp();

    const error = (await clock.run(app.stopServices(Config)).catch((e: unknown) => e)) as ApplicationStateError;

    expect(error.message.split('\n')).toEqual([
      'stopServices(): "Config" is still needed by running "Db".',
      'Hint: stop Db too, in the same call.',
    ]);
    expect(calls).toEqual([]);
  });

  it('refuses a service that is not running', async () => {
    const { app, clock } = await runningApp();

    const error = (await clock.run(app.stopServices('nope')).catch((e: unknown) => e)) as ApplicationStateError;

    expect(error.message).toBe('stopServices(): "nope" is not running.');
  });

  it('rejects with a StopError of every failure, after stopping the rest', async () => {
    const { app, clock, calls, serviceUsingDb, Db } = await runningApp();
    const Jobs = serviceUsingDb('Jobs', { stop: 'throw' });
    await clock.run(app.startServices(Jobs));
    calls.length = 0;

    const error = (await clock.run(app.stopServices(Jobs, Db)).catch((e: unknown) => e)) as StopError;

    expect(error).toBeInstanceOf(StopError);
    expect(error.errors.map((e) => (e as Error).message.split('\n')[0])).toEqual([
      'OnStop hook "Jobs.stop" failed after 0 ms: Jobs stop failed.',
    ]);
    expect(calls).toEqual(['Db.stop']);
  });

  it('lets a stopped service be started again with startServices(token)', async () => {
    const { app, clock, calls, serviceUsingDb } = await runningApp();
    const Jobs = serviceUsingDb('Jobs');
    await clock.run(app.startServices(Jobs));
    await clock.run(app.stopServices(Jobs));

    await clock.run(app.startServices(Jobs));

    expect(calls).toEqual(['Jobs.start', 'Jobs.stop', 'Jobs.start']);
    expect(app.graph().nodes.map((n) => `${n.name}:${n.status}`)).toEqual(['Config:started', 'Db:started', 'Jobs:started']);
  });

  it('starts a stopped service again by its symbol token, the one added with a { provide } provider', async () => {
    const { app, clock, calls, serviceUsingDb } = await runningApp();
    const JOBS = Symbol('Jobs');
    await clock.run(app.startServices({ provide: JOBS, useClass: serviceUsingDb('JobRunner') }));
    await clock.run(app.stopServices(JOBS));

    await clock.run(app.startServices(JOBS));

    expect(calls).toEqual(['JobRunner.start', 'JobRunner.stop', 'JobRunner.start']);
    expect(app.graph().nodes.map((n) => `${n.name}:${n.status}`)).toEqual(['Config:started', 'Db:started', 'Jobs:started']);
  });

  it('rejects a token the application has never had with INVALID_STATE, adding nothing', async () => {
    const { app, clock } = await runningApp();

    const error = (await clock.run(app.startServices(Symbol('Nope'), 'nope')).catch((e: unknown) => e)) as ApplicationStateError;

    expect([error.code, error.summary]).toEqual(['INVALID_STATE', 'startServices(): the application has no service "Nope".']);
    expect(app.graph().nodes.map((n) => n.name)).toEqual(['Config', 'Db']);
  });
});
