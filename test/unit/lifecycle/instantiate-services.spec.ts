import 'reflect-metadata';
import { ContainerModule, inject, injectable } from 'inversify';
import { KeelError } from '../../../src/errors';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { buildCoreApp } from '../../helpers/build-core-app';
import { VirtualClock } from '../../helpers/virtual-clock';

/** A service class whose OnStart takes `ms` on the clock and records begin/end in `calls`. */
function timedService(name: string, ms: number, calls: string[], clock: VirtualClock) {
  @injectable()
  class Timed {
    @OnStart() async start() {
      calls.push(`${name}:begin@${clock.now()}`);
      await clock.sleep(ms);
      calls.push(`${name}:end@${clock.now()}`);
    }
  }
  Object.defineProperty(Timed, 'name', { value: name });
  return Timed;
}

describe('instantiateServices', () => {
  it('constructs every singleton with hooks eagerly, even when nothing depends on it', async () => {
    const calls: string[] = [];
    @injectable()
    class Metrics {
      constructor() {
        calls.push('Metrics constructed');
      }
      @OnStart() start() {
        calls.push('Metrics.start');
      }
    }
    @Module({ providers: [Metrics] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);
    expect(calls).toEqual(['Metrics constructed']);
    await app.start();

    expect(calls).toEqual(['Metrics constructed', 'Metrics.start']);
  });

  it('constructs singletons in dependency order', async () => {
    const calls: string[] = [];
    @injectable()
    class Db {
      constructor() {
        calls.push('Db');
      }
    }
    @injectable()
    class Api {
      constructor(readonly db: Db) {
        calls.push('Api');
      }
    }
    @Module({ providers: [Api, Db] })
    class AppModule {}

    await buildCoreApp(AppModule);

    expect(calls).toEqual(['Db', 'Api']);
  });

  it('does not construct a transient until it is asked for', async () => {
    const calls: string[] = [];
    @injectable()
    class Request {
      constructor() {
        calls.push('Request');
      }
    }
    @Module({ providers: [{ provide: Request, useClass: Request, scope: 'transient' }] })
    class AppModule {}

    await buildCoreApp(AppModule);

    expect(calls).toEqual([]);
  });

  it('binds hooks of a useValue instance and of a useFactory result', async () => {
    const calls: string[] = [];
    class Cache {
      @OnStart() start() {
        calls.push('Cache.start');
      }
    }
    class Queue {
      @OnStart() async start() {
        calls.push('Queue.start');
      }
    }
    @Module({
      providers: [
        { provide: 'cache', useValue: new Cache() },
        { provide: 'queue', useFactory: async () => new Queue() },
      ],
    })
    class AppModule {}

    const app = await buildCoreApp(AppModule);
    await app.start();

    expect(calls).toEqual(['Cache.start', 'Queue.start']);
    expect(app.graph().nodes.map((n) => [n.name, n.onStart])).toEqual([
      ['cache', ['Cache.start']],
      ['queue', ['Queue.start']],
    ]);
  });

  it('runs the hooks of an instance shared by aliases once, on its own node', async () => {
    const calls: string[] = [];
    @injectable()
    class Db {
      @OnStart() start() {
        calls.push('Db.start');
      }
    }
    @Module({ providers: [{ provide: 'alias', useExisting: Db }, { provide: 'same', useFactory: (db: Db) => db, inject: [Db] }, Db] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);
    await app.start();

    expect(calls).toEqual(['Db.start']);
    expect(app.graph().nodes.map((n) => [n.name, n.onStart])).toEqual([
      ['alias', []],
      ['same', []],
      ['Db', ['Db.start']],
    ]);
  });

  it('fails with RESOLUTION_FAILED naming the path when a constructor throws, before any hook', async () => {
    const calls: string[] = [];
    @injectable()
    class Db {
      @OnStart() start() {
        calls.push('Db.start');
      }
    }
    @injectable()
    class Api {
      constructor(readonly db: Db) {
        throw new Error('bad port');
      }
    }
    @Module({ providers: [Db, Api] })
    class Feature {}
    @Module({ imports: [Feature] })
    class AppModule {}

    const error = (await buildCoreApp(AppModule).catch((e: unknown) => e)) as KeelError;

    expect(error).toBeInstanceOf(KeelError);
    expect(error.code).toBe('RESOLUTION_FAILED');
    expect(error.message.split('\n').slice(0, 2)).toEqual([
      'Could not create "Api": bad port.',
      'Resolution path: AppModule -> Feature -> Api',
    ]);
    expect((error.cause as Error).message).toBe('bad port');
    expect(calls).toEqual([]);
  });

  describe('raw toDynamicValue bindings (conservative order)', () => {
    it('start a dynamic singleton only after everything its factory resolved', async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      const Db = timedService('Db', 30, calls, clock);
      const Api = timedService('Api', 10, calls, clock);
      const raw = new ContainerModule(({ bind }) => {
        bind(Api)
          .toDynamicValue((ctx) => {
            ctx.get(Db);
            return new Api();
          })
          .inSingletonScope();
      });
      @Module({ imports: [raw], providers: [Db] })
      class AppModule {}

      const app = await buildCoreApp(AppModule, { clock });
      await clock.run(app.start());

      expect(calls).toEqual(['Db:begin@0', 'Db:end@30', 'Api:begin@30', 'Api:end@40']);
      expect(app.graph().edges).toEqual([{ from: 'Api', to: 'Db' }]);
    });

    it('order a dependent of a transient dynamic value after what that value resolved', async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      const CONNECTION = Symbol('CONNECTION');
      const Db = timedService('Db', 30, calls, clock);
      const Base = timedService('Repo', 10, calls, clock);
      @injectable()
      class Repo extends Base {
        constructor(@inject(CONNECTION) readonly connection: unknown) {
          super();
        }
      }
      const raw = new ContainerModule(({ bind }) => {
        bind(CONNECTION).toDynamicValue((ctx) => ({ db: ctx.get(Db) }));
      });
      @Module({ imports: [raw], providers: [Db, Repo] })
      class AppModule {}

      const app = await buildCoreApp(AppModule, { clock });
      await clock.run(app.start());

      expect(calls).toEqual(['Db:begin@0', 'Db:end@30', 'Repo:begin@30', 'Repo:end@40']);
    });

    it('order a token bound several times by raw modules after what every binding uses', async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      const PLUGIN = Symbol('PLUGIN');
      const Db = timedService('Db', 30, calls, clock);
      const First = timedService('First', 10, calls, clock);
      const Base = timedService('Second', 10, calls, clock);
      @injectable()
      class Second extends Base {
        constructor(@inject(Db) readonly db: unknown) {
          super();
        }
      }
      const raw = new ContainerModule(({ bind }) => {
        bind(PLUGIN).to(First).inSingletonScope();
        bind(PLUGIN).to(Second).inSingletonScope();
      });
      @Module({ imports: [raw], providers: [Db] })
      class AppModule {}

      const app = await buildCoreApp(AppModule, { clock });
      await clock.run(app.start());

      // One node for the token: its instances' hooks run in binding order once Db has started.
      expect(calls).toEqual(['Db:begin@0', 'Db:end@30', 'First:begin@30', 'First:end@40', 'Second:begin@40', 'Second:end@50']);
    });

    it('start a dynamic singleton after a useValue instance with hooks that its factory read', async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      const Cache = timedService('Cache', 30, calls, clock);
      const Api = timedService('Api', 10, calls, clock);
      const raw = new ContainerModule(({ bind }) => {
        bind(Api)
          .toDynamicValue((ctx) => {
            ctx.get('cache');
            return new Api();
          })
          .inSingletonScope();
      });
      @Module({ imports: [raw], providers: [{ provide: 'cache', useValue: new Cache() }] })
      class AppModule {}

      const app = await buildCoreApp(AppModule, { clock });
      await clock.run(app.start());

      expect(calls).toEqual(['Cache:begin@0', 'Cache:end@30', 'Api:begin@30', 'Api:end@40']);
    });

    it('reject a transient dynamic value with lifecycle hooks at build time', async () => {
      class Session {
        @OnStop() close() {}
      }
      const raw = new ContainerModule(({ bind }) => {
        bind('session').toDynamicValue(() => new Session());
      });
      @Module({ imports: [raw] })
      class AppModule {}

      const error = (await buildCoreApp(AppModule).catch((e: unknown) => e)) as KeelError;

      expect(error.code).toBe('TRANSIENT_LIFECYCLE');
      expect(error.message.split('\n').slice(0, 2)).toEqual([
        '"session" is transient but has lifecycle hooks.',
        `Resolution path: AppModule -> ContainerModule#${raw.id} -> session`,
      ]);
    });

    it('keep the graph acyclic when a transient dynamic value was first created inside its dependent', async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      const Db = timedService('Db', 30, calls, clock);
      const Base = timedService('Repo', 10, calls, clock);
      @injectable()
      class Repo extends Base {
        constructor(@inject('conn') readonly conn: unknown) {
          super();
        }
      }
      const raw = new ContainerModule(({ bind }) => {
        // 'first' is resolved before 'conn' and creates Repo, which creates a 'conn' from Db.
        bind('first')
          .toDynamicValue((ctx) => ctx.get(Repo))
          .inSingletonScope();
        bind('conn').toDynamicValue((ctx) => ({ db: ctx.get(Db) }));
      });
      @Module({ imports: [raw], providers: [Db, Repo] })
      class AppModule {}

      const app = await buildCoreApp(AppModule, { clock });
      await clock.run(app.start());

      expect(calls).toEqual(['Db:begin@0', 'Db:end@30', 'Repo:begin@30', 'Repo:end@40']);
    });

    it('stop a dynamic singleton before what its factory resolved', async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      class Db {
        @OnStop() async stop() {
          calls.push(`Db.stop@${clock.now()}`);
        }
      }
      class Api {
        @OnStop() async stop() {
          await clock.sleep(20);
          calls.push(`Api.stop@${clock.now()}`);
        }
      }
      const raw = new ContainerModule(({ bind }) => {
        bind('db').toConstantValue(new Db());
        bind('api')
          .toDynamicValue((ctx) => (ctx.get('db'), new Api()))
          .inSingletonScope();
      });
      @Module({ imports: [raw] })
      class AppModule {}

      const app = await buildCoreApp(AppModule, { clock });
      await clock.run(app.start());
      await clock.run(app.stop());

      expect(calls).toEqual(['Api.stop@20', 'Db.stop@20']);
    });
  });
});
