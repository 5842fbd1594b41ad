import { getClassMetadata, type ClassElementMetadata, type ClassMetadata, type ManagedClassElementMetadata } from '@inversifyjs/core';
import type { Newable } from 'inversify';
import { InvalidProviderError } from '../errors';
import type { DeclaredDependency } from './bind-providers';
import { tokenName, unwrapToken, type Token } from './token';

// ClassElementMetadataKind.unmanaged in @inversifyjs/core (a const enum we cannot import at runtime).
const UNMANAGED = 2;

/** inversify's own metadata for a class (what it plans resolution with), or undefined if it has none. */
export function readClassMetadata(type: Newable): ClassMetadata | undefined {
  try {
    return getClassMetadata(type);
  } catch {
    return undefined;
  }
}

/**
 * The dependencies inversify will inject into `type`: constructor arguments, then
 * properties. Reads the same metadata inversify plans with, so the graph cannot
 * disagree with resolution. Throws InvalidProviderError when the metadata is unusable,
 * with the path `where` followed by `subject` (a token or its name, named only then).
 */
export function classDependencies(type: Newable, where: readonly string[], subject?: Token): DeclaredDependency[] {
  return metadataDependencies(checkedClassMetadata(type, where, subject));
}

// Where @inversifyjs/core keeps a class's metadata (its classMetadataReflectKey, which it does not export).
const CLASS_METADATA_KEY = '@inversifyjs/core/classMetadataReflectKey';

/**
 * The metadata inversify keeps for a class it has already bound (its `to()` validated it), read
 * without validating it again; undefined when it holds none (a class without decorators), and the
 * caller falls back to checkedClassMetadata, as it would if inversify ever moved the key.
 */
export function boundClassMetadata(type: Newable): ClassMetadata | undefined {
  return Reflect.getOwnMetadata(CLASS_METADATA_KEY, type) as ClassMetadata | undefined;
}

/** Whether inversify injects this constructor argument or property (not `@unmanaged()`). */
export function isManaged(element: ClassElementMetadata): element is ManagedClassElementMetadata {
  return element.kind !== UNMANAGED;
}

/** The dependencies recorded in metadata that checkedClassMetadata returned. */
export function metadataDependencies(metadata: ClassMetadata): DeclaredDependency[] {
  const args = metadata.constructorArguments;
  // Runs once per class at build: an indexed loop, no callback, and the properties map only opened when it has entries.
  const deps: DeclaredDependency[] = [];
  for (let index = 0; index < args.length; index++) {
    const element = args[index]!;
    if (isManaged(element)) deps.push({ token: unwrapToken(element.value), optional: element.optional, site: constructorSite(index) });
  }
  if (metadata.properties.size === 0) return deps;
  for (const [key, element] of metadata.properties) {
    if (isManaged(element)) deps.push({ token: unwrapToken(element.value), optional: element.optional, site: `property "${String(key)}"` });
  }
  return deps;
}

/** inversify's metadata for `type`, or InvalidProviderError (as classDependencies) when it is unusable. */
export function checkedClassMetadata(type: Newable, where: readonly string[], subject?: Token): ClassMetadata {
  let metadata: ClassMetadata;
  try {
    metadata = getClassMetadata(type);
  } catch (cause) {
    throw new InvalidProviderError(`Cannot read the injection metadata of "${tokenName(type)}".`, {
      cause,
      path: joinPath(where, subject),
      hint: `decorate ${tokenName(type)} with @injectable(); a parameter typed by an interface, a union or a type alias has no runtime value: add @inject(TOKEN).`,
    });
  }
  const args = metadata.constructorArguments;
  if (type.length > args.length) {
    throw new InvalidProviderError(
      `"${tokenName(type)}" has ${type.length} constructor parameter(s) but no injection metadata for ${type.length - args.length} of them.`,
      {
        path: joinPath(where, subject),
        hint: `decorate ${tokenName(type)} with @injectable() and make sure emitDecoratorMetadata is on, or use @inject(token).`,
      },
    );
  }
  return metadata;
}

/** `OrderService(Database, ?)`: the constructor as keel sees it, with `?` where a provider is missing. */
export function describeConstructor(type: Newable, missingIndex: number): string {
  const args = readClassMetadata(type)?.constructorArguments ?? [];
  const names = args.map((element, index) =>
    index === missingIndex ? '?' : element.kind === UNMANAGED ? '<unmanaged>' : tokenName(unwrapToken(element.value)),
  );
  return `${tokenName(type)}(${names.join(', ')})`;
}

// One string per position for every class, instead of a new one per dependency at build.
const constructorSites: string[] = [];
/** `constructor argument #1` for index 0: where a constructor dependency was declared, for messages. */
export function constructorSite(index: number): string {
  return (constructorSites[index] ??= `constructor argument #${index + 1}`);
}

function joinPath(where: readonly string[], subject: Token | undefined): readonly string[] {
  return subject === undefined ? where : [...where, tokenName(subject)];
}
