import { ContainerModule } from 'inversify';
import { InvalidProviderError } from '../errors';
import { getModuleMetadata, Module, type ModuleClass } from '../module/module-decorator';
import { tokenName } from '../module/token';

export type ModuleImport = ModuleClass | ContainerModule;

/**
 * The module tree of `root` with each key of `replacements` swapped for its value,
 * wherever it is imported. Modules that (transitively) import a replaced one are
 * copied under the same name, with the same providers, so resolution paths and
 * duplicate-provider messages read as before; every other module is used as it is.
 * Throws INVALID_MODULE naming a replaced module that `root` never imports.
 */
export function replaceModules(root: ModuleClass, replacements: ReadonlyMap<ModuleImport, ModuleImport>): ModuleClass {
  if (replacements.size === 0) return root;
  const used = new Set<ModuleImport>();
  const copies = new Map<ModuleClass, ModuleClass>();

  const rewrite = (mod: ModuleImport, stack: readonly ModuleImport[]): ModuleImport => {
    const replacement = replacements.get(mod);
    if (replacement !== undefined) {
      used.add(mod);
      return replacement;
    }
    if (mod instanceof ContainerModule) return mod;
    const metadata = getModuleMetadata(mod);
    // A cycle or a non-module is left for collectModules to report with its usual message.
    if (!metadata || stack.includes(mod)) return mod;
    const known = copies.get(mod);
    if (known) return known;
    const imports = (metadata.imports ?? []).map((imported) => rewrite(imported, [...stack, mod]));
    if (imports.every((imported, i) => imported === metadata.imports![i])) return mod;
    const name = tokenName(mod);
    const copy = { [name]: class {} }[name]!;
    Module({ ...metadata, imports })(copy);
    copies.set(mod, copy);
    return copy;
  };

  const rewritten = rewrite(root, []);
  for (const original of replacements.keys()) {
    if (!used.has(original)) {
      throw new InvalidProviderError(`Cannot override module "${moduleName(original)}": ${tokenName(root)} does not import it.`, {
        code: 'INVALID_MODULE',
        hint: 'override a module that the root module imports (directly or through other modules).',
      });
    }
  }
  if (rewritten instanceof ContainerModule) {
    throw new InvalidProviderError('The root module cannot be replaced by a ContainerModule.', {
      code: 'INVALID_MODULE',
      hint: 'replace it with a module class, or override a module it imports.',
    });
  }
  return rewritten;
}

function moduleName(mod: ModuleImport): string {
  return mod instanceof ContainerModule ? 'ContainerModule' : tokenName(mod);
}
