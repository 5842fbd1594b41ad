import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { codeCacheEnv, HELLO_ENV, type CodeCache } from './hello-apps';
import { SpawnedApp } from './spawn-app';

/** bench/apps/hello-share: samples/hello's path, stopping after a given phase (see its header). */
export const HELLO_SHARE = path.join(__dirname, '..', 'apps', 'hello-share', 'main.js');

/** Where one discovery run leaves the list of dependency files samples/hello's path loads. */
const EXTERNALS_FILE = path.join(__dirname, '..', '..', 'hello-share-externals.json');

/** How far one hello-share run goes: each stop adds one phase to the one before (`bootstrap` follows `app`). */
export type ShareStop = 'deps' | 'keel' | 'app' | 'build' | 'start' | 'bootstrap';

/**
 * Which share: `keel` counts every Node module keel's path loads (what a user's cold start pays);
 * `keel-own` preloads, with the dependencies, the Node modules the inversify-only twin loads too
 * (node:http, and what the server's first listen loads), so only keel's own part is left.
 */
export type ShareDefinition = 'keel' | 'keel-own';
export const SHARE_DEFINITIONS: readonly ShareDefinition[] = ['keel', 'keel-own'];

/** The end of each phase the run went through, ms: wall (performance.now()) and CPU (process.cpuUsage()). */
export interface ShareMarks {
  wall: Partial<Record<'begin' | ShareStop, number>>;
  cpu: Partial<Record<'begin' | ShareStop, number>>;
}

/** What one hello-share run prints: its marks; discover adds the files; discover and bootstrap the Node modules loaded after `deps`. */
export interface ShareRun {
  marks: ShareMarks;
  externals?: string[];
  /** process.moduleLoadList entries loaded after the deps mark ("NativeModule http", "Internal Binding tcp_wrap", ...). */
  nodeLoaded?: string[];
}

/** The discovery's result, as written to the externals file that the measured runs preload. */
export interface Externals {
  files: string[];
  /** Node's public modules both samples/hello's path and the twin load, in the path's load order: preloaded for `keel-own`. */
  node: string[];
  /** Every Node module (and binding) the path loads that the twin loads as well. */
  nodeShared: string[];
  /** Node modules (and bindings) only keel's path loads: they stay in keel's own share. */
  nodeKeelOnly: string[];
}

const NATIVE = 'NativeModule ';

/**
 * Runs samples/hello's whole path once (bootstrap until running) and writes the
 * node_modules files it loaded, in load order, to a file that the measured runs
 * preload: so inversify's, winston's, dotenv's... load is never keel's share,
 * whatever keel loads and when. Then runs the twin (bench/apps/hello-inversify) until it
 * listens and lists, next to the files, the Node modules both load (for `keel-own`).
 * With the code cache warm the first run also writes it (at its exit), so the measured
 * runs after it compile keel from the cache. Returns the file's path.
 */
export async function discoverExternals(codeCache: CodeCache = 'warm'): Promise<string> {
  const { externals: files, nodeLoaded } = await runShare('discover', undefined, codeCache);
  if (!files || files.length === 0) throw new Error('hello-share discover listed no dependency files.');
  const twin = await runTwin();
  const shared = (nodeLoaded ?? []).filter((entry) => twin.has(entry));
  const externals: Externals = {
    files,
    // Only public modules can be required; each brings the internal modules and bindings it loads at its top level.
    node: shared.filter((entry) => entry.startsWith(NATIVE) && !entry.startsWith(`${NATIVE}internal/`)).map((e) => e.slice(NATIVE.length)),
    nodeShared: shared,
    nodeKeelOnly: (nodeLoaded ?? []).filter((entry) => !twin.has(entry)),
  };
  if (externals.node.length === 0) throw new Error('hello-share found no Node module that samples/hello and its twin both load.');
  mkdirSync(path.dirname(EXTERNALS_FILE), { recursive: true });
  writeFileSync(EXTERNALS_FILE, `${JSON.stringify(externals, null, 1)}\n`);
  return EXTERNALS_FILE;
}

/** One fresh hello-share process to `stop`, with the externals preloaded (and for `keel-own`, the shared Node modules). */
export async function runShare(
  stop: ShareStop | 'discover',
  externalsFile?: string,
  codeCache: CodeCache = 'warm',
  definition: ShareDefinition = 'keel',
): Promise<ShareRun> {
  const args = externalsFile ? [stop, externalsFile, ...shareArgs(definition)] : [stop];
  const last = await runLast(args, { ...HELLO_ENV, ...codeCacheEnv(codeCache) }, '{"marks"');
  return JSON.parse(last) as ShareRun;
}

/** hello-share's extra argument for a definition (after the stop and the externals file). */
export function shareArgs(definition: ShareDefinition): string[] {
  return definition === 'keel-own' ? ['node'] : [];
}

/** The Node modules and bindings (process.moduleLoadList) the twin has loaded once it listens. */
async function runTwin(): Promise<Set<string>> {
  const last = await runLast(['twin'], { ...HELLO_ENV }, '{"twinLoaded"');
  return new Set((JSON.parse(last) as { twinLoaded: string[] }).twinLoaded);
}

async function runLast(args: string[], env: NodeJS.ProcessEnv, prefix: string): Promise<string> {
  const app = new SpawnedApp(HELLO_SHARE, { env, args });
  await app.waitForExit();
  await app.closed;
  const last = app.lines.filter((line) => line.startsWith(prefix)).pop();
  if (last === undefined) throw new Error(`hello-share ${args[0]} printed no ${prefix}; stdout:\n${app.lines.slice(-10).join('\n')}`);
  return last;
}
