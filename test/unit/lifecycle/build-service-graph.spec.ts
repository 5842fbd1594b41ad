import 'reflect-metadata';
import { LazyServiceIdentifier, inject, injectable, optional } from 'inversify';
import { DependencyCycleError, InvalidProviderError, KeelError, MissingProviderError } from '../../../src/errors';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module, type ModuleClass } from '../../../src/module/module-decorator';
import { buildCoreApp } from '../../helpers/build-core-app';

async function edgesOf(root: ModuleClass): Promise<string[]> {
  const app = await buildCoreApp(root);
  return app.graph().edges.map((e) => `${e.from}->${e.to}`);
}

async function buildError(root: ModuleClass): Promise<KeelError> {
  const calls: string[] = [];
  const error = await buildCoreApp(root).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KeelError)) throw new Error(`expected a KeelError, got ${String(error)} (${calls.join()})`);
  return error;
}

describe('buildServiceGraph', () => {
  describe('edges', () => {
    it('come from constructor parameters, by type and by @inject', async () => {
      const MAILER = Symbol('MAILER');
      @injectable()
      class Db {}
      @injectable()
      class Orders {
        constructor(
          readonly db: Db,
          @inject(MAILER) readonly mailer: unknown,
        ) {}
      }
      @Module({ providers: [Db, { provide: MAILER, useValue: {} }, Orders] })
      class AppModule {}

      expect(await edgesOf(AppModule)).toEqual(['Orders->Db', 'Orders->MAILER']);
    });

    it('come from injected properties', async () => {
      @injectable()
      class Db {}
      @injectable()
      class Orders {
        @inject(Db) db!: Db;
      }
      @Module({ providers: [Db, Orders] })
      class AppModule {}

      expect(await edgesOf(AppModule)).toEqual(['Orders->Db']);
    });

    it("come from a factory's inject list", async () => {
      @injectable()
      class Db {}
      @Module({
        providers: [Db, { provide: 'cfg', useValue: 1 }, { provide: 'repo', useFactory: () => ({}), inject: [Db, { token: 'cfg' }] }],
      })
      class AppModule {}

      expect(await edgesOf(AppModule)).toEqual(['repo->Db', 'repo->cfg']);
    });

    it("come from useClass's constructor", async () => {
      @injectable()
      class Db {}
      abstract class Store {}
      @injectable()
      class SqlStore extends Store {
        constructor(readonly db: Db) {
          super();
        }
      }
      @Module({ providers: [Db, { provide: Store, useClass: SqlStore }] })
      class AppModule {}

      expect(await edgesOf(AppModule)).toEqual(['Store->Db']);
    });

    it('come from useExisting to its target', async () => {
      @injectable()
      class Db {}
      @Module({ providers: [Db, { provide: 'alias', useExisting: Db }] })
      class AppModule {}

      expect(await edgesOf(AppModule)).toEqual(['alias->Db']);
    });

    it('come from a LazyServiceIdentifier', async () => {
      @injectable()
      class Db {}
      @injectable()
      class Repo {
        constructor(@inject(new LazyServiceIdentifier(() => Db)) readonly db: Db) {}
      }
      @Module({ providers: [Repo, Db] })
      class AppModule {}

      expect(await edgesOf(AppModule)).toEqual(['Repo->Db']);
    });

    it('are left out for an @optional() dependency that is unbound, and kept when it is bound', async () => {
      @injectable()
      class Metrics {}
      @injectable()
      class Tracer {}
      @injectable()
      class Api {
        constructor(
          @inject(Metrics) @optional() readonly metrics?: Metrics,
          @inject(Tracer) @optional() readonly tracer?: Tracer,
        ) {}
      }
      @Module({ providers: [Api, Tracer] })
      class AppModule {}

      const app = await buildCoreApp(AppModule);

      expect(app.graph().edges).toEqual([{ from: 'Api', to: 'Tracer' }]);
      expect(app.get(Api).metrics).toBeUndefined();
    });

    it('pass through services without hooks: A -> plain B -> C', async () => {
      @injectable()
      class C {
        @OnStart() start() {}
      }
      @injectable()
      class B {
        constructor(readonly c: C) {}
      }
      @injectable()
      class A {
        constructor(readonly b: B) {}
        @OnStart() start() {}
      }
      @Module({ providers: [A, B, C] })
      class AppModule {}

      const graph = (await buildCoreApp(AppModule)).graph();

      expect(graph.nodes.map((n) => n.name)).toEqual(['A', 'B', 'C']);
      expect(graph.edges).toEqual([
        { from: 'A', to: 'B' },
        { from: 'B', to: 'C' },
      ]);
      expect(graph.startOrder).toEqual(['C', 'B', 'A']);
    });

    it('give two tokens with the same name distinct node names', async () => {
      @Module({
        providers: [
          { provide: Symbol('db'), useValue: 1 },
          { provide: 'db', useValue: 2 },
        ],
      })
      class AppModule {}

      expect((await buildCoreApp(AppModule)).graph().nodes.map((n) => n.name)).toEqual(['db', 'db (2)']);
    });
  });

  describe('missing provider', () => {
    it('names the constructor argument, the class, the path and a hint', async () => {
      @injectable()
      class Database {}
      @injectable()
      class Mailer {}
      @injectable()
      class Unrelated {}
      @injectable()
      class OrderService {
        constructor(
          readonly db: Database,
          readonly mailer: Mailer,
        ) {}
      }
      @Module({ providers: [Database, OrderService] })
      class OrdersModule {}
      @Module({ imports: [OrdersModule], providers: [Unrelated] })
      class AppModule {}

      const error = await buildError(AppModule);

      expect(error).toBeInstanceOf(MissingProviderError);
      expect(error.code).toBe('MISSING_PROVIDER');
      expect(error.message).toBe(
        'No provider for "Mailer" (constructor argument #2 of OrderService(Database, ?)).\n' +
          'Resolution path: AppModule -> OrdersModule -> OrderService -> Mailer\n' +
          'Hint: add Mailer to the providers of a module that AppModule imports.',
      );
      expect(error.path).toEqual(['AppModule', 'OrdersModule', 'OrderService', 'Mailer']);
      expect(error.message).not.toContain('Unrelated');
    });

    it('names an injected property', async () => {
      @injectable()
      class Orders {
        @inject('Clock') clock!: unknown;
      }
      @Module({ providers: [Orders] })
      class AppModule {}

      expect((await buildError(AppModule)).message.split('\n')[0]).toBe('No provider for "Clock" (property "clock" of Orders).');
    });

    it('names a factory input', async () => {
      @Module({
        providers: [
          { provide: 'cfg', useValue: 1 },
          { provide: 'repo', useFactory: () => 1, inject: ['cfg', 'pool'] },
        ],
      })
      class AppModule {}

      const error = await buildError(AppModule);

      expect(error.message.split('\n').slice(0, 2)).toEqual([
        'No provider for "pool" (factory input #2 of repo).',
        'Resolution path: AppModule -> repo -> pool',
      ]);
    });

    it('names a useExisting target', async () => {
      @Module({ providers: [{ provide: 'alias', useExisting: 'gone' }] })
      class AppModule {}

      expect((await buildError(AppModule)).message.split('\n')[0]).toBe('No provider for "gone" (useExisting target of alias).');
    });

    it('names a class whose parameter is typed by an interface, with a hint at @inject', async () => {
      interface Mailer {
        send(): void;
      }
      @injectable()
      class Orders {
        constructor(readonly mailer: Mailer) {}
      }
      @Module({ providers: [Orders] })
      class AppModule {}

      const error = await buildError(AppModule);

      expect(error).toBeInstanceOf(InvalidProviderError);
      expect(error.message.split('\n')).toEqual([
        'Cannot read the injection metadata of "Orders".',
        'Resolution path: AppModule -> Orders',
        'Hint: decorate Orders with @injectable(); a parameter typed by an interface, a union or a type alias has no runtime value: add @inject(TOKEN).',
      ]);
    });

    it('is reported before any hook runs', async () => {
      const calls: string[] = [];
      @injectable()
      class Db {
        constructor() {
          calls.push('Db constructed');
        }
        @OnStart() start() {
          calls.push('Db.start');
        }
      }
      @injectable()
      class Api {
        constructor(
          readonly db: Db,
          @inject('missing') readonly missing: unknown,
        ) {}
      }
      @Module({ providers: [Db, Api] })
      class AppModule {}

      await buildError(AppModule);

      expect(calls).toEqual([]);
    });
  });

  describe('dependency cycle', () => {
    it('names the full cycle and nothing outside it', async () => {
      @injectable()
      class Logger {}
      @injectable()
      class Ledger {
        constructor(@inject('PaymentService') readonly payments: unknown) {}
      }
      @injectable()
      class PaymentService {
        constructor(readonly ledger: Ledger) {}
      }
      @injectable()
      class OrderService {
        constructor(
          @inject('PaymentService') readonly payments: unknown,
          readonly logger: Logger,
        ) {}
      }
      @Module({ providers: [Logger, OrderService, { provide: 'PaymentService', useClass: PaymentService }, Ledger] })
      class AppModule {}

      const error = await buildError(AppModule);

      expect(error).toBeInstanceOf(DependencyCycleError);
      expect(error.code).toBe('DEPENDENCY_CYCLE');
      expect((error as DependencyCycleError).cycle).toEqual(['PaymentService', 'Ledger', 'PaymentService']);
      expect(error.message).toBe(
        'Dependency cycle: PaymentService -> Ledger -> PaymentService.\n' +
          'Hint: move the shared part into a third provider; cycles are never resolved automatically.',
      );
      expect(error.message).not.toMatch(/OrderService|Logger|AppModule/);
    });

    it('finds a cycle through a factory and an alias', async () => {
      @Module({
        providers: [
          { provide: 'a', useFactory: () => 1, inject: ['b'] },
          { provide: 'b', useExisting: 'a' },
        ],
      })
      class AppModule {}

      expect(((await buildError(AppModule)) as DependencyCycleError).cycle).toEqual(['a', 'b', 'a']);
    });

    it('is reported before any constructor runs', async () => {
      const calls: string[] = [];
      @injectable()
      class A {
        constructor(@inject('B') readonly b: unknown) {
          calls.push('A constructed');
        }
      }
      @Module({ providers: [A, { provide: 'B', useFactory: () => calls.push('B built'), inject: [A] }] })
      class AppModule {}

      await buildError(AppModule);

      expect(calls).toEqual([]);
    });
  });

  describe('transient with lifecycle hooks', () => {
    it('is a build-time error naming the service', async () => {
      @injectable()
      class Session {
        @OnStop() close() {}
      }
      @Module({ providers: [{ provide: Session, useClass: Session, scope: 'transient' }] })
      class AppModule {}

      const error = await buildError(AppModule);

      expect(error).toBeInstanceOf(InvalidProviderError);
      expect(error.code).toBe('TRANSIENT_LIFECYCLE');
      expect(error.message.split('\n').slice(0, 2)).toEqual([
        '"Session" is transient but has lifecycle hooks.',
        'Resolution path: AppModule -> Session',
      ]);
    });

    it('is fine without hooks', async () => {
      @injectable()
      class Session {}
      @Module({ providers: [{ provide: Session, useClass: Session, scope: 'transient' }] })
      class AppModule {}

      expect((await buildCoreApp(AppModule)).graph().nodes.map((n) => [n.name, n.scope])).toEqual([['Session', 'transient']]);
    });
  });
});
