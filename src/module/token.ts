import { LazyServiceIdentifier, type ServiceIdentifier } from 'inversify';

/** Anything inversify accepts as a service identifier: a class, a symbol or a string. */
export type Token<T = unknown> = ServiceIdentifier<T>;

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
