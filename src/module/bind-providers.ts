import type { BindingConstraints } from '@inversifyjs/core';
import type { Container, Newable } from 'inversify';
import { duplicateProvider, type DeclaredContainerModule, type DeclaredProvider } from './collect-modules';
import type { ProviderScope } from './provider';
import { checkedClassMetadata } from './class-metadata';
import { loadRecordedModule } from './load-recorded-module';
import type { Token } from './token';

/** A dependency as declared in metadata, before anything is resolved. */
export interface DeclaredDependency {
  token: Token;
  optional: boolean;
  /** Where it was declared, for messages: `constructor argument #1`, `property "db"`, `factory input #2`. */
  site: string;
}

/** What keel knows about one binding, in a form the graph builder can read without inversify internals. */
export type BindingSource =
  | { kind: 'class'; useClass: Newable }
  | { kind: 'value' }
  | { kind: 'factory'; inject: readonly { token: Token; optional: boolean }[]; sync?: boolean }
  | { kind: 'existing'; target: Token }
  /** A raw binding whose inputs keel cannot see (toDynamicValue, toFactory, toProvider). */
  | { kind: 'dynamic' };

export interface BindingRecord {
  token: Token;
  source: BindingSource;
  scope: ProviderScope;
  module: string;
  path: readonly string[];
  /** More than one raw binding for the token: it resolves to an array. */
  multiple: boolean;
  /** Bound by a raw ContainerModule, whose activation handlers keel cannot see (they may be async). */
  raw?: boolean;
  /** What restricts when this binding applies (`when()`; see bindServiceLoggers); only on the `constrainable` token, never on raw or alias bindings. */
  fluent?: Constrainable;
}

export type Constrainable = { when(predicate: (constraints: BindingConstraints) => boolean): unknown };

/**
 * `syntax.to(type)`: inversify reads and validates the class metadata there (the graph builder then
 * reads it without validating it a third time). A class it rejects fails as keel's
 * InvalidProviderError with its path, nothing bound.
 */
function bindClass(syntax: ReturnType<Container['bind']>, type: Newable, path: readonly string[], token: Token) {
  try {
    return syntax.to(type);
  } catch (cause) {
    checkedClassMetadata(type, path, token);
    throw cause;
  }
}

function inScope(bound: { inSingletonScope(): Constrainable; inTransientScope(): Constrainable }, scope: ProviderScope): Constrainable {
  return scope === 'transient' ? bound.inTransientScope() : bound.inSingletonScope();
}

export interface BindProvidersOptions {
  /** Raw inversify modules to load after the providers. */
  containerModules?: readonly DeclaredContainerModule[];
  /** The token whose record keeps `fluent`, to be constrained later (LOGGER: bindServiceLoggers). */
  constrainable?: Token;
}

/**
 * Binds every declared provider (one per token) into `container` (singletons unless
 * transient), then loads raw ContainerModules through a recording view of their bind()
 * calls, so that their bindings become graph nodes too. Returns one record per token,
 * in binding order.
 */
export async function bindProviders(
  container: Container,
  providers: Iterable<DeclaredProvider>,
  { containerModules = [], constrainable }: BindProvidersOptions = {},
): Promise<BindingRecord[]> {
  const bound: BindingRecord[] = [];
  for (const { provider, module, path } of providers) {
    const syntax = container.bind(provider.token);
    let fluent: Constrainable | undefined;
    switch (provider.kind) {
      case 'class':
        fluent = inScope(bindClass(syntax, provider.useClass, path, provider.token), provider.scope);
        break;
      case 'value':
        fluent = syntax.toConstantValue(provider.value);
        break;
      case 'factory':
        fluent = inScope(
          syntax.toResolvedValue(
            provider.factory,
            provider.inject.map(({ token, optional }) => ({ serviceIdentifier: token, optional })),
          ),
          provider.scope,
        );
        break;
      case 'existing':
        syntax.toService(provider.target);
        break;
    }
    // The normalized provider has the shape of its BindingSource: kept as it is, not copied into one more object per service.
    const source: BindingSource = provider;
    // inversify's fluent syntax, kept only where a constraint may be added later: two objects per service otherwise.
    if (fluent !== undefined && provider.token !== constrainable) fluent = undefined;
    bound.push({ token: provider.token, source, scope: provider.scope, module, path, multiple: false, fluent });
  }
  // Tokens are unique among providers (collectModules checks), so a map by token is only needed to merge raw bindings.
  return containerModules.length === 0 ? bound : bindContainerModules(container, bound, containerModules);
}

/** Loads the raw modules after the providers and merges their bindings into the records (see bindProviders). */
async function bindContainerModules(
  container: Container,
  bound: BindingRecord[],
  containerModules: readonly DeclaredContainerModule[],
): Promise<BindingRecord[]> {
  const records = new Map<Token, BindingRecord>();
  for (const record of bound) records.set(record.token, record);
  const provided = new Set(records.keys());
  for (const declared of containerModules) {
    for (const record of await loadRecordedModule(container, declared)) {
      const previous = records.get(record.token);
      if (!previous) {
        records.set(record.token, record);
      } else if (provided.has(record.token)) {
        // A provider and a raw binding of one token would silently turn it into an array.
        throw duplicateProvider(record.token, previous.module, record.module, record.path);
      } else {
        // inversify multi-injection: keel cannot see every binding's inputs, so order it conservatively.
        previous.multiple = true;
        previous.source = { kind: 'dynamic' };
        if (record.scope === 'singleton') previous.scope = 'singleton';
      }
    }
  }
  return [...records.values()];
}
