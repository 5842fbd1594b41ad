import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { InvalidProviderError, KeelError } from '../../../src/errors';
import { Module } from '../../../src/module/module-decorator';
import { normalizeProvider, type Provider } from '../../../src/module/provider';
import { buildCoreApp } from '../../helpers/build-core-app';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('providers', () => {
  it('resolves a class provider to a singleton by default', async () => {
    @injectable()
    class Db {}
    @Module({ providers: [Db] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);

    expect(app.get(Db)).toBeInstanceOf(Db);
    expect(app.get(Db)).toBe(app.get(Db));
  });

  it('resolves { provide, useClass } to an instance of useClass under provide', async () => {
    abstract class Store {}
    @injectable()
    class MemoryStore extends Store {}
    @Module({ providers: [{ provide: Store, useClass: MemoryStore }] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);

    expect(app.get(Store)).toBeInstanceOf(MemoryStore);
    expect(app.get(Store)).toBe(app.get(Store));
  });

  it('resolves { provide, useValue } to the value itself', async () => {
    const value = { url: 'postgres://' };
    @Module({ providers: [{ provide: 'db.config', useValue: value }] })
    class AppModule {}

    expect((await buildCoreApp(AppModule)).get('db.config')).toBe(value);
  });

  it('calls a sync factory with its inject list, once', async () => {
    const calls: string[] = [];
    @Module({
      providers: [
        { provide: 'host', useValue: 'db.local' },
        { provide: 'port', useValue: 5432 },
        {
          provide: 'url',
          useFactory: (host: string, port: number) => {
            calls.push(`factory(${host}, ${port})`);
            return `${host}:${port}`;
          },
          inject: ['host', 'port'],
        },
      ],
    })
    class AppModule {}

    const app = await buildCoreApp(AppModule);

    expect([app.get('url'), app.get('url')]).toEqual(['db.local:5432', 'db.local:5432']);
    expect(calls).toEqual(['factory(db.local, 5432)']);
  });

  it('awaits an async factory and hands the result to dependents', async () => {
    const CONNECTION = Symbol('CONNECTION');
    @injectable()
    class Repo {
      constructor(@inject(CONNECTION) readonly connection: { id: number }) {}
    }
    @Module({ providers: [{ provide: CONNECTION, useFactory: async () => ({ id: 7 }) }, Repo] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);

    expect(app.get(Repo).connection).toEqual({ id: 7 });
    expect(await app.getAsync(CONNECTION)).toEqual({ id: 7 });
  });

  it('passes undefined for an optional factory input that is unbound', async () => {
    @Module({ providers: [{ provide: 'x', useFactory: (missing: unknown) => [missing], inject: [{ token: 'nope', optional: true }] }] })
    class AppModule {}

    expect((await buildCoreApp(AppModule)).get('x')).toEqual([undefined]);
  });

  it('resolves { provide, useExisting } to the same instance as its target', async () => {
    @injectable()
    class Db {}
    @Module({ providers: [Db, { provide: 'alias', useExisting: Db }] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);

    expect(app.get('alias')).toBe(app.get(Db));
  });

  it("creates a new instance per resolution for scope: 'transient'", async () => {
    @injectable()
    class Request {}
    @Module({ providers: [{ provide: Request, useClass: Request, scope: 'transient' }] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);

    expect(app.get(Request)).not.toBe(app.get(Request));
  });

  it('calls a transient factory per resolution', async () => {
    let n = 0;
    @Module({ providers: [{ provide: 'n', useFactory: () => ++n, scope: 'transient' }] })
    class AppModule {}

    const app = await buildCoreApp(AppModule);
    const before = n;

    expect([app.get('n'), app.get('n')]).toEqual([before + 1, before + 2]);
  });
});

describe('normalizeProvider', () => {
  const invalid = (provider: unknown): KeelError => errorOf(() => normalizeProvider(provider as Provider, 'AppModule')) as KeelError;

  it('rejects a provider object with two use... keys, naming the module and token', () => {
    const error = invalid({ provide: 'x', useValue: 1, useFactory: () => 1 });

    expect(error).toBeInstanceOf(InvalidProviderError);
    expect(error.message.split('\n')[0]).toBe(
      'Invalid provider in AppModule: provider "x" needs exactly one of useClass, useValue, useFactory, useExisting (found 2).',
    );
  });

  it.each([
    [undefined, 'undefined (often a circular import between files) is not a class or a { provide, use... } object'],
    [null, 'null is not a class or a { provide, use... } object'],
    [{ useValue: 1 }, '{"useValue":1} is not a class or a { provide, use... } object'],
    [{ provide: undefined, useValue: 1 }, 'a provider has no "provide" token'],
    [{ provide: 'x', useValue: 1, scope: 'request' }, 'provider "x" has unknown scope "request"'],
    [{ provide: 'x', useClass: 42 }, 'useClass of "x" is not a class'],
    [{ provide: 'x', useFactory: 'nope' }, 'useFactory of "x" is not a function'],
    [{ provide: 'x', useValue: 1, scope: 'transient' }, 'useValue provider "x" cannot be transient'],
    [{ provide: 'x', useExisting: 'y', scope: 'transient' }, 'useExisting provider "x" cannot be transient'],
  ])('rejects %p', (provider, what) => {
    expect(invalid(provider).message.split('\n')[0]).toBe(`Invalid provider in AppModule: ${what}.`);
  });

  it('normalizes factory inputs given as tokens or { token, optional }', () => {
    const normalized = normalizeProvider(
      { provide: 'x', useFactory: () => 1, inject: ['a', { token: 'b', optional: true }, { token: 'c' }] },
      'M',
    );

    expect(normalized).toMatchObject({
      kind: 'factory',
      scope: 'singleton',
      inject: [
        { token: 'a', optional: false },
        { token: 'b', optional: true },
        { token: 'c', optional: false },
      ],
    });
  });
});
