/**
 * What every pool thread runs: piscina loads this file once per thread and calls
 * `runTask` for each task. The task's module is loaded once per thread and cached;
 * a `.ts` module registers ts-node first (unless a TypeScript loader is already
 * registered). The outcome, value or thrown error, comes back as data, so the pool
 * can tell a function that threw from a thread that died.
 *
 * Keep imports here light and free of keel's runtime: every thread pays for them.
 */
import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serializeError, type SerializedError } from './serialize-error';
import { WORKER_TS_COMPILER_OPTIONS } from './typescript-options';

/** One call: `module` is an absolute path, resolved by the pool. */
export interface WorkerTask {
  module: string;
  exportName: string;
  args: unknown[];
}

export type WorkerOutcome = { ok: true; value: unknown } | { ok: false; error: SerializedError };

type ModuleExports = Record<string, unknown>;

const TYPESCRIPT = new Set(['.ts', '.cts', '.tsx']);
const ESM_ONLY = new Set(['.mjs', '.mts']);
/** Tried in order when a path has no file of its own: compiled code first. */
const EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'];

const loaded = new Map<string, ModuleExports>();
const loading = new Map<string, Promise<ModuleExports>>();

/** Calls `task.exportName` of `task.module` with `task.args`; never rejects. */
export function runTask(task: WorkerTask): WorkerOutcome | Promise<WorkerOutcome> {
  const exports = loaded.get(task.module);
  if (exports !== undefined) return call(exports, task);
  return loadModule(task.module).then(
    (moduleExports) => call(moduleExports, task),
    (error: unknown) => ({ ok: false, error: serializeError(error) }),
  );
}

function call(exports: ModuleExports, { module, exportName, args }: WorkerTask): WorkerOutcome | Promise<WorkerOutcome> {
  try {
    const fn = exportName === 'default' && typeof exports === 'function' ? exports : exports[exportName];
    if (typeof fn !== 'function') {
      throw new TypeError(`"${exportName}" exported by "${module}" is ${fn === undefined ? 'missing' : `a ${typeof fn}, not a function`}.`);
    }
    const value: unknown = fn(...args);
    if (!isThenable(value)) return { ok: true, value };
    return Promise.resolve(value).then(
      (resolved) => ({ ok: true, value: resolved }),
      (error: unknown) => ({ ok: false, error: serializeError(error) }),
    );
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

/** Loads once per thread; a failed load is not cached, so a fixed file loads on the next call. */
function loadModule(module: string): Promise<ModuleExports> {
  let pending = loading.get(module);
  if (pending === undefined) {
    pending = importModule(findFile(module)).then(
      (exports) => {
        loaded.set(module, exports);
        return exports;
      },
      (error: unknown) => {
        loading.delete(module);
        throw error;
      },
    );
    loading.set(module, pending);
  }
  return pending;
}

async function importModule(file: string): Promise<ModuleExports> {
  const extension = extname(file);
  if (TYPESCRIPT.has(extension)) registerTypeScript(file);
  if (ESM_ONLY.has(extension)) return import(pathToFileURL(file).href) as Promise<ModuleExports>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the task's module: a path known only at run time
    return require(file) as ModuleExports;
  } catch (error) {
    // A `.js` file in a `"type": "module"` package can only be imported.
    if ((error as { code?: unknown }).code !== 'ERR_REQUIRE_ESM') throw error;
    return import(pathToFileURL(file).href) as Promise<ModuleExports>;
  }
}

/** `/app/heavy` finds heavy.js when compiled and heavy.ts from sources. */
function findFile(module: string): string {
  if (existsSync(module) && statSync(module).isFile()) return module;
  for (const extension of EXTENSIONS) {
    if (existsSync(module + extension)) return module + extension;
  }
  return module; // Let the loader report the missing file.
}

function registerTypeScript(file: string): void {
  // Already done by this thread, by --require ts-node/register, or by another TS loader.
  if (require.extensions['.ts'] !== undefined) return;
  let tsNode: { register(options: { transpileOnly: boolean; compilerOptions: object }): unknown };
  try {
    // The application's ts-node first, then the one next to keel.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional dependency, resolved from the app first
    tsNode = require(require.resolve('ts-node', { paths: [process.cwd(), __dirname] })) as typeof tsNode;
  } catch (cause) {
    throw new Error(
      `Cannot load "${file}" in a worker thread: TypeScript modules need ts-node, which is not installed. Compile the module or add ts-node as a devDependency.`,
      { cause },
    );
  }
  tsNode.register({ transpileOnly: true, compilerOptions: WORKER_TS_COMPILER_OPTIONS });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
