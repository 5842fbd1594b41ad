import { ContainerModule } from 'inversify';
import { InvalidProviderError, ModuleCycleError } from '../errors';
import { getModuleMetadata, type ModuleClass } from './module-decorator';
import { normalizeProvider, type NormalizedProvider, type Provider } from './provider';
import { tokenName, type Token } from './token';

/** A provider together with where it was declared: `path` runs from the root module to its owner. */
export interface DeclaredProvider {
  provider: NormalizedProvider;
  module: string;
  path: readonly string[];
}

export interface DeclaredContainerModule {
  module: ContainerModule;
  path: readonly string[];
}

export interface CollectedModules {
  providers: Map<Token, DeclaredProvider>;
  containerModules: DeclaredContainerModule[];
}

/**
 * Walks the imports of `root` depth-first, loading each module once. Fails on an
 * import cycle (naming it), a non-module import, or a token provided twice.
 * Imported modules' providers come before the importer's, so registration order
 * is stable; the dependency graph, not this order, decides lifecycle order.
 * `defaults` (the Entrypoint module's) come first and give way to a module's
 * provider of the same token; collected here so the providers are put in one map once.
 */
export function collectModules(root: ModuleClass, defaults: readonly DeclaredProvider[] = []): CollectedModules {
  const result: CollectedModules = { providers: new Map(), containerModules: [] };
  const replaceable = new Set<Token>();
  for (const declared of defaults) {
    result.providers.set(declared.provider.token, declared);
    replaceable.add(declared.provider.token);
  }
  const visited = new Set<unknown>();
  const stack: ModuleClass[] = [];

  const visit = (mod: ModuleClass, path: readonly string[]): void => {
    const metadata = getModuleMetadata(mod);
    if (mod === undefined) throw undefinedModule(path);
    if (!metadata) throw notAModule(mod, path);
    if (stack.includes(mod)) throw moduleCycle(stack, mod);
    if (visited.has(mod)) return;
    stack.push(mod);
    for (const imported of metadata.imports ?? []) {
      if (imported instanceof ContainerModule) {
        if (!visited.has(imported)) {
          visited.add(imported);
          result.containerModules.push({ module: imported, path });
        }
        continue;
      }
      visit(imported, [...path, tokenName(imported)]);
    }
    stack.pop();
    visited.add(mod);
    const owner = tokenName(mod);
    // Indexed: one module holds most of an app's providers, and this loop runs unoptimized.
    const listed = metadata.providers ?? [];
    const raws: readonly Provider[] = Array.isArray(listed) ? listed : [...listed];
    for (let i = 0; i < raws.length; i++) {
      const provider = normalizeProvider(raws[i]!, owner);
      const previous = result.providers.get(provider.token);
      if (previous && replaceable.delete(provider.token)) {
        // Deleted, not overwritten: the module's provider takes its own place in the order, as if the default never was.
        result.providers.delete(provider.token);
      } else if (previous) {
        throw duplicateProvider(provider.token, previous.module, owner, path);
      }
      result.providers.set(provider.token, { provider, module: owner, path });
    }
  };

  visit(root, [tokenName(root)]);
  return result;
}

// The failures live apart from the walk: V8 compiles a function whole when it first runs, so
// messages kept inline were parsed at every start (without the code cache) only to go unused.
function undefinedModule(path: readonly string[]): InvalidProviderError {
  const importer = path.at(-2);
  return new InvalidProviderError(importer ? `An import of "${importer}" is undefined.` : 'The root module is undefined.', {
    code: 'INVALID_MODULE',
    path: path.slice(0, -1),
    hint: 'this is almost always a circular import between files: the importing file ran before the module class was defined.',
  });
}

function notAModule(mod: ModuleClass, path: readonly string[]): InvalidProviderError {
  return new InvalidProviderError(`"${tokenName(mod)}" is not a module.`, {
    code: 'INVALID_MODULE',
    path,
    hint: `decorate ${tokenName(mod)} with @Module({ providers: [...] }), or list it under providers instead of imports.`,
  });
}

function moduleCycle(stack: readonly ModuleClass[], mod: ModuleClass): ModuleCycleError {
  const cycle = [...stack.slice(stack.indexOf(mod)), mod].map((m) => tokenName(m));
  return new ModuleCycleError(`Module import cycle: ${cycle.join(' -> ')}.`, { cycle });
}

/** DUPLICATE_PROVIDER: one token provided by two modules (or twice by one); also used for raw ContainerModule bindings. */
export function duplicateProvider(token: Token, first: string, second: string, path: readonly string[]): InvalidProviderError {
  const where = first === second ? `twice in ${first}` : `by both ${first} and ${second}`;
  return new InvalidProviderError(`"${tokenName(token)}" is provided ${where}.`, {
    code: 'DUPLICATE_PROVIDER',
    path,
    hint: 'keep one provider per token; tests replace providers with overrideProvider(), not duplicates.',
  });
}
