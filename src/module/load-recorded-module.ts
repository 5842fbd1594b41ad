import type { Container, ContainerModule, ContainerModuleLoadOptions, Newable } from 'inversify';
import type { BindingRecord, BindingSource } from './bind-providers';
import { readClassMetadata } from './class-metadata';
import type { DeclaredContainerModule } from './collect-modules';
import type { ProviderScope } from './provider';
import { unwrapToken, type Token } from './token';

interface RecordedCall {
  method: string;
  args: unknown[];
}

/**
 * Loads a raw inversify ContainerModule into `container` through a recording view of
 * its bind() calls, and describes each binding it made (source, scope) so that the
 * graph can order it like any provider. Activation handlers stay invisible to keel.
 */
export async function loadRecordedModule(container: Container, declared: DeclaredContainerModule): Promise<BindingRecord[]> {
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
