import 'reflect-metadata';
import { LazyServiceIdentifier, inject, injectable, optional, unmanaged } from 'inversify';
import { InvalidProviderError } from '../../../src/errors';
import { getClassMetadata } from '@inversifyjs/core';
import { boundClassMetadata, classDependencies, describeConstructor } from '../../../src/module/class-metadata';
import { tokenName } from '../../../src/module/token';

const named = (deps: ReturnType<typeof classDependencies>) => deps.map((d) => [tokenName(d.token), d.optional, d.site]);

describe('classDependencies', () => {
  it('lists constructor arguments by type and by @inject, then injected properties', () => {
    const MAILER = Symbol('MAILER');
    @injectable()
    class Db {}
    @injectable()
    class Cache {}
    @injectable()
    class Clock {}
    @injectable()
    class OrderService {
      @inject(Clock) clock!: Clock;
      @inject('flags') @optional() flags?: unknown;
      constructor(
        readonly db: Db,
        @inject(MAILER) readonly mailer: unknown,
        @inject(Cache) @optional() readonly cache?: Cache,
      ) {}
    }

    expect(named(classDependencies(OrderService, []))).toEqual([
      ['Db', false, 'constructor argument #1'],
      ['MAILER', false, 'constructor argument #2'],
      ['Cache', true, 'constructor argument #3'],
      ['Clock', false, 'property "clock"'],
      ['flags', true, 'property "flags"'],
    ]);
  });

  it('unwraps a LazyServiceIdentifier to the real token', () => {
    @injectable()
    class Db {}
    @injectable()
    class Repo {
      constructor(@inject(new LazyServiceIdentifier(() => Db)) readonly db: Db) {}
    }

    expect(classDependencies(Repo, []).map((d) => d.token)).toEqual([Db]);
  });

  it('skips @unmanaged constructor arguments', () => {
    @injectable()
    class Db {}
    @injectable()
    class Base {
      constructor(
        @unmanaged() readonly name: string,
        readonly db: Db,
      ) {}
    }

    expect(named(classDependencies(Base, []))).toEqual([['Db', false, 'constructor argument #2']]);
  });

  it('fails for a class without @injectable() whose constructor takes parameters, naming it', () => {
    class Plain {
      constructor(readonly a: unknown) {}
    }
    let error: unknown;
    try {
      classDependencies(Plain, ['AppModule']);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(InvalidProviderError);
    expect((error as Error).message.split('\n').slice(0, 2)).toEqual([
      'Cannot read the injection metadata of "Plain".',
      'Resolution path: AppModule',
    ]);
  });
});

describe('boundClassMetadata', () => {
  // The graph reads the dependencies this way once inversify's to() has validated a class; a moved
  // key would silently send every class down the slower fallback, so the key is pinned here.
  it("is the very metadata inversify's getClassMetadata returns for a decorated class", () => {
    @injectable()
    class Db {}
    @injectable()
    class Orders {
      constructor(readonly db: Db) {}
    }

    expect(boundClassMetadata(Orders)).toBe(getClassMetadata(Orders));
    expect(boundClassMetadata(Orders)?.constructorArguments).toHaveLength(1);
  });

  it('is undefined for a class inversify holds no metadata for', () => {
    class Plain {}

    expect(boundClassMetadata(Plain)).toBeUndefined();
  });
});

describe('describeConstructor', () => {
  it('shows the constructor with ? at the missing argument', () => {
    @injectable()
    class Db {}
    @injectable()
    class OrderService {
      constructor(
        readonly db: Db,
        @inject('Mailer') readonly mailer: unknown,
      ) {}
    }

    expect(describeConstructor(OrderService, 1)).toBe('OrderService(Db, ?)');
  });
});
