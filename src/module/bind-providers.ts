import type { BindingConstraints } from '@inversifyjs/core';
import type { Container, ContainerModule, ContainerModuleLoadOptions, Newable } from 'inversify';
import { duplicateProvider, type DeclaredContainerModule, type DeclaredProvider } from './collect-modules';
import type { ProviderScope } from './provider';
import { classDependencies, readClassMetadata } from './class-metadata';
import { tokenName, unwrapToken, type Token } from './token';

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
  | { kind: 'factory'; inject: readonly { token: Token; optional: boolean }[] }
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
  /** Restricts when this binding applies (keel's own providers only; see bindServiceLoggers). */
  constrain?: (predicate: (constraints: BindingConstraints) => boolean) => void;
}

type Constrainable = { when(predicate: (constraints: BindingConstraints) => boolean): unknown };

/**
 * Binds every declared provider into `container` (singletons unless transient), then
 * loads raw ContainerModules through a recording view of their bind() calls, so that
 * their bindings become graph nodes too. Returns one record per token, in binding order.
 */
export async function bindProviders(
  container: Container,
  providers: Iterable<DeclaredProvider>,
  containerModules: readonly DeclaredContainerModule[],
): Promise<BindingRecord[]> {
  const records = new Map<Token, BindingRecord>();
  for (const { provider, module, path } of providers) {
    const syntax = container.bind(provider.token);
    const inScope = (bound: { inSingletonScope(): Constrainable; inTransientScope(): Constrainable }) =>
      provider.scope === 'transient' ? bound.inTransientScope() : bound.inSingletonScope();
    let source: BindingSource;
    let fluent: Constrainable | undefined;
    switch (provider.kind) {
      case 'class':
        // inversify reads the class metadata in to(); check it first so a bad class fails as a KeelError with its path.
        classDependencies(provider.useClass, [...path, tokenName(provider.token)]);
        fluent = inScope(syntax.to(provider.useClass));
        source = { kind: 'class', useClass: provider.useClass };
        break;
      case 'value':
        fluent = syntax.toConstantValue(provider.value);
        source = { kind: 'value' };
        break;
      case 'factory':
        fluent = inScope(
          syntax.toResolvedValue(
            provider.factory,
            provider.inject.map(({ token, optional }) => ({ serviceIdentifier: token, optional })),
          ),
        );
        source = { kind: 'factory', inject: provider.inject };
        break;
      case 'existing':
        syntax.toService(provider.target);
        source = { kind: 'existing', target: provider.target };
        break;
    }
    const constrain = fluent && ((predicate: (c: BindingConstraints) => boolean) => void fluent.when(predicate));
    records.set(provider.token, { token: provider.token, source, scope: provider.scope, module, path, multiple: false, constrain });
  }
  const provided = new Set(records.keys());
  for (const declared of containerModules) {
    for (const record of await loadRecorded(container, declared)) {
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

interface RecordedCall {
  method: string;
  args: unknown[];
}

async function loadRecorded(container: Container, declared: DeclaredContainerModule): Promise<BindingRecord[]> {
  const recorded: { token: Token; calls: RecordedCall[] }[] = [];
  const options: ContainerModuleLoadOptions = {
    bind: ((token: Token) => {
      const entry = { token, calls: [] as RecordedCall[] };
      recorded.push(entry);
      return recordCalls(container.bind(token), entry.calls);
    }) as ContainerModuleLoadOptions['bind'],
    isBound: container.isBound.bind(container),
    onActivation: container.onActivation.bind(container),
    onDeactivation: container.onDeactivation.bind(container),
    rebind: container.rebind.bind(container),
    rebindAsync: container.rebindAsync.bind(container),
    unbind: container.unbind.bind(container),
    unbindAsync: container.unbindAsync.bind(container),
  };
  await (declared.module as ContainerModule).load(options);
  const owner = `ContainerModule#${(declared.module as ContainerModule).id}`;
  return recorded.map(({ token, calls }) => ({
    token,
    ...describeRawBinding(token, calls),
    module: owner,
    path: [...declared.path, owner],
    multiple: false,
    raw: true,
  }));
}

/** Wraps inversify's fluent binding syntax so every call on it (and on what it returns) is recorded. */
function recordCalls<T extends object>(target: T, calls: RecordedCall[]): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push({ method: property, args });
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        return result !== null && typeof result === 'object' ? recordCalls(result, calls) : result;
      };
    },
  });
}

function describeRawBinding(token: Token, calls: RecordedCall[]): { source: BindingSource; scope: ProviderScope } {
  const scopeCall = calls.filter((c) => /^in(Singleton|Transient|Request)Scope$/.test(c.method)).at(-1);
  const explicit: ProviderScope | undefined = scopeCall ? (scopeCall.method === 'inSingletonScope' ? 'singleton' : 'transient') : undefined;
  for (const { method, args } of calls) {
    switch (method) {
      case 'to':
      case 'toSelf': {
        const useClass = (method === 'to' ? args[0] : token) as Newable;
        return { source: { kind: 'class', useClass }, scope: explicit ?? classScope(useClass) };
      }
      case 'toConstantValue':
        return { source: { kind: 'value' }, scope: 'singleton' };
      case 'toService':
        return { source: { kind: 'existing', target: args[0] as Token }, scope: 'singleton' };
      case 'toResolvedValue':
        return { source: { kind: 'factory', inject: resolvedValueInputs(args[1]) }, scope: explicit ?? 'transient' };
      case 'toDynamicValue':
      case 'toFactory':
      case 'toProvider':
        return { source: { kind: 'dynamic' }, scope: explicit ?? (method === 'toDynamicValue' ? 'transient' : 'singleton') };
    }
  }
  // bind() without a target: inversify will refuse to resolve it; keep it as an opaque leaf.
  return { source: { kind: 'dynamic' }, scope: explicit ?? 'transient' };
}

// inversify's own default scope for a class binding is Transient unless @injectable(scope) says otherwise.
function classScope(type: Newable): ProviderScope {
  return readClassMetadata(type)?.scope === 'Singleton' ? 'singleton' : 'transient';
}

function resolvedValueInputs(raw: unknown): { token: Token; optional: boolean }[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((input: unknown) => {
    if (input !== null && typeof input === 'object' && 'serviceIdentifier' in input) {
      const o = input as { serviceIdentifier: Token; optional?: boolean };
      return { token: unwrapToken(o.serviceIdentifier), optional: o.optional === true };
    }
    return { token: unwrapToken(input as Token), optional: false };
  });
}
