import type { ContainerModule, Newable } from 'inversify';
import type { Provider } from './provider';

/** A class decorated with @Module. */
export type ModuleClass = Newable<unknown>;

export interface ModuleMetadata {
  /** Modules whose providers this one sees; raw inversify ContainerModules are accepted too. */
  imports?: readonly (ModuleClass | ContainerModule)[];
  providers?: readonly Provider[];
}

const modules = new WeakMap<object, ModuleMetadata>();

/**
 * Declares a module. Every provider of every imported module shares one flat
 * namespace; a module imported from many places is loaded once.
 */
export function Module(metadata: ModuleMetadata = {}): ClassDecorator {
  return (target) => {
    modules.set(target, metadata);
  };
}

/** The @Module metadata of a class, or undefined when the class is not a module. */
export function getModuleMetadata(target: unknown): ModuleMetadata | undefined {
  return typeof target === 'function' ? modules.get(target) : undefined;
}
