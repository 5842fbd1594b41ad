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

/** The end of each phase the run went through, ms: wall (performance.now()) and CPU (process.cpuUsage()). */
export interface ShareMarks {
  wall: Partial<Record<'begin' | ShareStop, number>>;
  cpu: Partial<Record<'begin' | ShareStop, number>>;
}

/**
 * Runs samples/hello's whole path once (bootstrap until running) and writes the
 * node_modules files it loaded, in load order, to a file that the measured runs
 * preload: so inversify's, winston's, dotenv's... load is never keel's share,
 * whatever keel loads and when. With the code cache warm this run also writes it (at its
 * exit), so the measured runs after it compile keel from the cache. Returns the file's path.
 */
export async function discoverExternals(codeCache: CodeCache = 'warm'): Promise<string> {
  const { externals } = await runShare('discover', undefined, codeCache);
  if (!externals || externals.length === 0) throw new Error('hello-share discover listed no dependency files.');
  mkdirSync(path.dirname(EXTERNALS_FILE), { recursive: true });
  writeFileSync(EXTERNALS_FILE, `${JSON.stringify(externals, null, 1)}\n`);
  return EXTERNALS_FILE;
}

/** One fresh hello-share process to `stop`, with the externals preloaded; its phase marks. */
export async function runShare(
  stop: ShareStop | 'discover',
  externalsFile?: string,
  codeCache: CodeCache = 'warm',
): Promise<{ marks: ShareMarks; externals?: string[] }> {
  const env = { ...HELLO_ENV, ...codeCacheEnv(codeCache) };
  const app = new SpawnedApp(HELLO_SHARE, { env, args: externalsFile ? [stop, externalsFile] : [stop] });
  await app.waitForExit();
  await app.closed;
  const last = app.lines.filter((line) => line.startsWith('{"marks"')).pop();
  if (last === undefined) throw new Error(`hello-share ${stop} printed no marks; stdout:\n${app.lines.slice(-10).join('\n')}`);
  return JSON.parse(last) as { marks: ShareMarks; externals?: string[] };
}
