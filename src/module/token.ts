import { LazyServiceIdentifier, type ServiceIdentifier } from 'inversify';

declare const valueType: unique symbol;

/**
 * A symbol token that carries the type of the value it stands for, like Effect's
 * `Context.Tag`: `app.get(LOGGER)` is a `Logger`, and a provider of `LOGGER`
 * whose `useValue` or `useFactory` yields something else does not compile. At
 * run time it is a plain symbol. Make one with `createToken<T>(description)`.
 */
export type InjectionToken<T> = symbol & { readonly [valueType]: T };

/** Anything inversify accepts as a service identifier: a class, a symbol (typed or not) or a string. */
export type Token<T = unknown> = InjectionToken<T> | ServiceIdentifier<T>;

/**
 * A new typed token: a unique symbol described by `description` (shown in errors,
 * logs and graphs). Two calls never return the same token, even with one description.
 */
export function createToken<T>(description: string): InjectionToken<T> {
  return Symbol(description) as InjectionToken<T>;
}

/** @internal keel's own tokens: registered symbols, so two copies of keel in one process agree on them. */
export function keelToken<T>(name: string): InjectionToken<T> {
  return Symbol.for(`keel.${name}`) as InjectionToken<T>;
}

/** Unwraps `new LazyServiceIdentifier(() => X)` so the graph sees the real token. */
export function unwrapToken(token: Token | LazyServiceIdentifier): Token {
  return LazyServiceIdentifier.is(token) ? token.unwrap() : token;
}

/** The name a token shows in errors, logs and graphs: class name, symbol description or string. */
export function tokenName(token: unknown): string {
  if (typeof token === 'function') return token.name || '<anonymous class>';
  if (typeof token === 'symbol') return token.description ?? token.toString();
  if (typeof token === 'string') return token;
  if (LazyServiceIdentifier.is(token)) return tokenName(token.unwrap());
  return String(token);
}
