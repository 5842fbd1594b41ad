import { existsSync, statSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import { getModuleMetadata, type ModuleClass } from '../module/module-decorator';
import { CliError } from './cli-error';

export interface LoadedModule {
  root: ModuleClass;
  /** The export it was found under. */
  exportName: string;
  /** Absolute path of the file loaded. */
  file: string;
}

const TYPESCRIPT = new Set(['.ts', '.cts', '.mts', '.tsx']);
const TRY_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'];

/** Splits `file[#Export]`; a `#` inside a directory name is kept when no export follows it. */
export function parseTarget(target: string): { path: string; exportName: string | undefined } {
  const at = target.lastIndexOf('#');
  if (at <= 0 || at === target.length - 1 || target.slice(at + 1).includes('/')) return { path: target, exportName: undefined };
  return { path: target.slice(0, at), exportName: target.slice(at + 1) };
}

/** The file a path names: as given, else with a known extension added (compiled or TypeScript). */
export function resolveModuleFile(path: string, cwd = process.cwd()): string {
  const given = resolve(cwd, path);
  for (const candidate of [given, ...TRY_EXTENSIONS.map((ext) => given + ext)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new CliError(`file not found: ${path}`);
}

/**
 * Loads `file[#Export]` and returns its module: the named export, else the one
 * exported class decorated with @Module. Loading a TypeScript file registers
 * ts-node (transpile-only) when it is installed. Requiring a file runs its
 * top-level code and nothing else: keel builds nothing here.
 */
export function loadModuleFile(target: string, cwd = process.cwd()): LoadedModule {
  const { path, exportName } = parseTarget(target);
  const file = resolveModuleFile(path, cwd);
  const shown = relative(cwd, file) || file;
  if (TYPESCRIPT.has(extname(file))) registerTypeScript(file, shown, cwd);
  let exports: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's file, compiled JS or ts-node
    exports = require(file) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`cannot load ${shown}: ${firstLine(error)}`);
  }
  if (exportName !== undefined) {
    if (!(exportName in exports) || exports[exportName] === undefined) {
      const names = Object.keys(exports).filter((k) => k !== '__esModule');
      throw new CliError(`${shown} has no export "${exportName}" (it exports ${names.length > 0 ? names.join(', ') : 'nothing'})`);
    }
    const value = exports[exportName];
    if (!isModule(value)) throw new CliError(`export "${exportName}" of ${shown} is not a module (a class decorated with @Module)`);
    return { root: value, exportName, file };
  }
  const found = new Map<unknown, string>();
  for (const [name, value] of Object.entries(exports)) {
    if (isModule(value) && (!found.has(value) || name !== 'default')) found.set(value, name);
  }
  if (found.size === 0) {
    throw new CliError(`${shown} exports no module (a class decorated with @Module); export one, or name it with ${shown}#Export`);
  }
  if (found.size > 1) {
    const names = [...found.values()];
    throw new CliError(`${shown} exports ${names.length} modules (${names.join(', ')}); pick one with ${shown}#${names[0]}`);
  }
  const [[root, name]] = [...found.entries()];
  return { root: root as ModuleClass, exportName: name!, file };
}

function isModule(value: unknown): value is ModuleClass {
  return typeof value === 'function' && getModuleMetadata(value) !== undefined;
}

let registered = false;

function registerTypeScript(file: string, shown: string, cwd: string): void {
  if (registered || require.extensions['.ts']) return;
  let tsNode: string;
  try {
    tsNode = require.resolve('ts-node', { paths: [dirname(file), cwd] });
  } catch {
    throw new CliError(
      `${shown} is TypeScript and ts-node is not installed; compile it and point keel at the .js, or npm install -D ts-node`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer, found next to the user's code
  const { register } = require(tsNode) as { register(options: object): unknown };
  // The nearest tsconfig.json of the file (decorator settings live there); TS_NODE_* variables still apply.
  register({ transpileOnly: true, projectSearchDir: dirname(file) });
  registered = true;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
