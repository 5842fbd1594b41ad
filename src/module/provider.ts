import type { Newable } from 'inversify';
import { InvalidProviderError } from '../errors';
import { tokenName, type InjectionToken, type Token } from './token';

export type ProviderScope = 'singleton' | 'transient';

/** A factory input: a token, or `{ token, optional: true }` to receive `undefined` when it is unbound. */
export type FactoryInput = Token | { token: Token; optional?: boolean };

interface ProviderBase<T> {
  provide: Token<T>;
  scope?: ProviderScope;
}
export interface ClassProvider<T = unknown> extends ProviderBase<T> {
  useClass: Newable<T>;
}
export interface ValueProvider<T = unknown> extends ProviderBase<T> {
  useValue: T;
}
export interface FactoryProvider<T = unknown> extends ProviderBase<T> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are typed by the caller's factory
  useFactory: (...inputs: any[]) => T | Promise<T>;
  inject?: readonly FactoryInput[];
}
export interface ExistingProvider<T = unknown> extends ProviderBase<T> {
  useExisting: Token<T>;
}

/** What a module's `providers` list accepts: a class, or one of the four provider objects. */
export type Provider<T = unknown> = Newable<T> | ClassProvider<T> | ValueProvider<T> | FactoryProvider<T> | ExistingProvider<T>;

/**
 * `P` itself when it provides what its token promises; otherwise the shape it
 * should have had, so that a typed-token mismatch (`{ provide: LOGGER, useValue: 42 }`)
 * fails to compile where it is written. Untyped tokens (classes, plain symbols, strings) pass as they are.
 */
export type CheckedProvider<P> = P extends { readonly provide: InjectionToken<infer T> }
  ? P extends { readonly useValue: infer V }
    ? [V] extends [T]
      ? P
      : Omit<P, 'useValue'> & { readonly useValue: T }
    : P extends { readonly useFactory: (...inputs: never[]) => infer R }
      ? [Awaited<R>] extends [T]
        ? P
        : Omit<P, 'useFactory'> & { readonly useFactory: FactoryProvider<T>['useFactory'] }
      : P extends { readonly useClass: Newable<infer I> }
        ? [I] extends [T]
          ? P
          : Omit<P, 'useClass'> & { readonly useClass: Newable<T> }
        : P extends { readonly useExisting: InjectionToken<infer U> }
          ? [U] extends [T]
            ? P
            : Omit<P, 'useExisting'> & { readonly useExisting: InjectionToken<T> }
          : P
  : P;

/** Every provider of a list checked by CheckedProvider. */
export type CheckedProviders<P extends readonly unknown[]> = { readonly [K in keyof P]: CheckedProvider<P[K]> };

/** A provider in one shape, whatever shape it was written in. */
export type NormalizedProvider =
  | { kind: 'class'; token: Token; useClass: Newable; scope: ProviderScope }
  | { kind: 'value'; token: Token; value: unknown; scope: 'singleton' }
  | {
      kind: 'factory';
      token: Token;
      factory: FactoryProvider['useFactory'];
      inject: readonly { token: Token; optional: boolean }[];
      scope: ProviderScope;
      /** Never returns a promise (keel's own defaults, see syncFactory): resolved with get(), like a class. */
      sync: boolean;
    }
  | { kind: 'existing'; token: Token; target: Token; scope: 'singleton' };

/**
 * Turns any provider shape into a NormalizedProvider. Throws InvalidProviderError
 * naming the module for anything that is not one of the documented shapes.
 */
export function normalizeProvider(provider: Provider, owner: string): NormalizedProvider {
  if (typeof provider === 'function') {
    return { kind: 'class', token: provider, useClass: provider, scope: 'singleton' };
  }
  if (provider === null || typeof provider !== 'object' || !('provide' in provider)) throw notAProvider(owner, provider);
  const token = provider.provide;
  if (token === undefined || token === null) throw invalid(owner, 'a provider has no "provide" token');
  const scope = provider.scope ?? 'singleton';
  if (scope !== 'singleton' && scope !== 'transient') throw unknownScope(owner, token, scope);
  const kinds = (['useClass', 'useValue', 'useFactory', 'useExisting'] as const).filter((k) => k in provider);
  if (kinds.length !== 1) throw notOneKind(owner, token, kinds.length);
  if ('useClass' in provider) {
    if (typeof provider.useClass !== 'function') throw invalid(owner, `useClass of "${tokenName(token)}" is not a class`);
    return { kind: 'class', token, useClass: provider.useClass, scope };
  }
  if ('useValue' in provider) {
    if (scope === 'transient') throw invalid(owner, `useValue provider "${tokenName(token)}" cannot be transient`);
    return { kind: 'value', token, value: provider.useValue, scope: 'singleton' };
  }
  if ('useFactory' in provider) {
    if (typeof provider.useFactory !== 'function') throw invalid(owner, `useFactory of "${tokenName(token)}" is not a function`);
    const inject = (provider.inject ?? []).map((input) =>
      typeof input === 'object' && input !== null && 'token' in input
        ? { token: input.token, optional: input.optional === true }
        : { token: input as Token, optional: false },
    );
    return { kind: 'factory', token, factory: provider.useFactory, inject, scope, sync: SYNC_FACTORIES.has(provider) };
  }
  if (scope === 'transient') throw invalid(owner, `useExisting provider "${tokenName(token)}" cannot be transient`);
  return { kind: 'existing', token, target: provider.useExisting, scope: 'singleton' };
}

const SYNC_FACTORIES = new WeakSet<object>();

/**
 * @internal Marks a factory provider whose factory never returns a promise, as keel's own
 * Entrypoint defaults: it is resolved with a synchronous get(), like a class, and so are the
 * services that inject it (an unmarked factory may return a promise, which makes every
 * dependent of it resolve asynchronously). The mark is on this object: a provider that
 * replaces it is unmarked.
 */
export function syncFactory<P extends FactoryProvider>(provider: P): P {
  SYNC_FACTORIES.add(provider);
  return provider;
}

// The longer messages live apart from normalizeProvider, which every start compiles (without the code cache).
function notAProvider(owner: string, provider: unknown): InvalidProviderError {
  return invalid(owner, `${describe(provider)} is not a class or a { provide, use... } object`);
}

function unknownScope(owner: string, token: Token, scope: unknown): InvalidProviderError {
  return invalid(owner, `provider "${tokenName(token)}" has unknown scope "${String(scope)}"`);
}

function notOneKind(owner: string, token: Token, found: number): InvalidProviderError {
  return invalid(owner, `provider "${tokenName(token)}" needs exactly one of useClass, useValue, useFactory, useExisting (found ${found})`);
}

function invalid(owner: string, what: string): InvalidProviderError {
  return new InvalidProviderError(`Invalid provider in ${owner}: ${what}.`, {
    hint: 'a provider is a class, or { provide, useClass | useValue | useFactory (+ inject) | useExisting }.',
  });
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined (often a circular import between files)';
  if (value === null) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
