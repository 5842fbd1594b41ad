import type { ContainerModule, Newable } from 'inversify';
import type { CheckedProviders, Provider } from './provider';

/** A class decorated with @Module. */
export type ModuleClass = Newable<unknown>;

export interface ModuleMetadata<P extends readonly Provider[] = readonly Provider[]> {
  /** Modules whose providers this one sees; raw inversify ContainerModules are accepted too. */
  imports?: readonly (ModuleClass | ContainerModule)[];
  /** Classes and provider objects; a provider of a typed token must provide that type (checked at compile time). */
  providers?: P;
}

const modules = new WeakMap<object, ModuleMetadata>();

/**
 * Declares a module. Every provider of every imported module shares one flat
 * namespace; a module imported from many places is loaded once.
 */
// The bound `P extends CheckedProviders<P>` (rather than a checked parameter type) keeps
// contextual typing of inline values intact inside decorators.
export function Module<const P extends readonly Provider[] & CheckedProviders<P> = readonly Provider[]>(
  metadata: ModuleMetadata<P> = {},
): ClassDecorator {
  return (target) => {
    modules.set(target, metadata);
  };
}

/** The @Module metadata of a class, or undefined when the class is not a module. */
export function getModuleMetadata(target: unknown): ModuleMetadata | undefined {
  return typeof target === 'function' ? modules.get(target) : undefined;
}
