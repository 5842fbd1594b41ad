/* eslint-disable @typescript-eslint/no-require-imports -- the order of every load is what this app measures */
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Keel from 'keel';

/**
 * W5's "keel's own share" probe: samples/hello's path split into phases, with
 * inversify's, winston's and every other dependency's load taken out.
 *
 *   node main.js discover                 runs the whole path (bootstrap), prints the
 *                                         node_modules files it loaded, in load order
 *   node main.js twin                     runs bench/apps/hello-inversify (the inversify-only
 *                                         twin) until it listens, prints the Node modules it loaded
 *   node main.js <stop> <externals.json> [node]
 *                                         preloads those files (and with `node`, the Node modules
 *                                         of the file's `node` list), then goes as far as <stop>
 *                                         and exits
 *
 * Stops, in order: `deps` (externals loaded), `keel` (+ require('keel')), `app`
 * (+ samples/hello's own modules, which apply keel's decorators), `build` (+
 * createApplication), `start` (+ app.start()); `bootstrap` is `app` followed by
 * bootstrap() until it resolves (what samples/hello runs: .env, settings, signals,
 * build, start). Every run prints its phase marks (wall: performance.now(); cpu:
 * process.cpuUsage(), which a busy machine disturbs less; both ms) as one JSON
 * line on stdout; under callgrind the instruction counts of the stops
 * subtract to the phases. A keel module that loads lazily (the logger on the
 * first record) counts in the phase that loads it; the dependency it loads does
 * not, having been preloaded.
 *
 * Node's own modules that the path loads (node:http at keel's load; dns, dgram, child_process,
 * cluster at the server's first listen) count in keel's share by default, as a user's cold start
 * pays them. With `node`, the ones the twin's path loads as well are preloaded too: what is left
 * is keel's own share, and a Node module only keel's path needs (one the twin never loads) stays
 * in it. The discover and bootstrap runs print the Node modules (`NativeModule` entries of
 * process.moduleLoadList) loaded after the `deps` mark, so the bench can show which remain.
 */
const STOPS = ['deps', 'keel', 'app', 'build', 'start', 'bootstrap'] as const;
type Stop = (typeof STOPS)[number] | 'discover' | 'twin';

/** What a discovery run lists: dependency files in load order, and the Node modules the twin and the bootstrap leave out. */
interface Externals {
  files: string[];
  /** Node's public modules to preload with `node` (samples/hello's path and the twin both load them), in load order. */
  node: string[];
}

/** Node's record of every built-in module and binding loaded so far, in load order (not in @types/node). */
const moduleLoadList = (): string[] => (process as unknown as { moduleLoadList: string[] }).moduleLoadList;

/** The compiled samples/hello next to this app in bench/.tmp. */
const HELLO = path.join(__dirname, '..', '..', '..', 'samples', 'hello');
/** bench/apps/hello-inversify, compiled next to this app. */
const TWIN = path.join(__dirname, '..', 'hello-inversify', 'main.js');
/** How long the twin may take to listen before the run fails, ms. */
const TWIN_TIMEOUT_MS = 20_000;

async function main(): Promise<void> {
  const [stop, externalsFile, nodeOut] = process.argv.slice(2) as [Stop, string | undefined, string | undefined];
  if (stop === 'twin') return runTwin();
  if (stop !== 'discover' && !STOPS.includes(stop)) throw new Error(`unknown stop "${stop}"; one of discover, twin, ${STOPS.join(', ')}`);
  if (nodeOut !== undefined && nodeOut !== 'node') throw new Error(`unknown option "${nodeOut}"; only "node"`);
  const marks: Marks = { wall: { begin: performance.now() }, cpu: { begin: cpuMs() } };
  const mark = (name: string) => {
    marks.wall[name] = performance.now();
    marks.cpu[name] = cpuMs();
  };
  const fromKeel = createRequire(require.resolve('keel'));
  if (externalsFile !== undefined) {
    // Every dependency file keel's path loads, each one as the path loaded it (parents first).
    fromKeel('reflect-metadata');
    fromKeel('inversify');
    const externals = require(externalsFile) as Externals;
    for (const file of externals.files) require(file);
    if (nodeOut === 'node') for (const id of externals.node) require(`node:${id}`);
  }
  mark('deps');
  const loadedAtDeps = moduleLoadList().length;
  if (stop === 'deps') return done(marks);
  const keel = require('keel') as typeof Keel;
  mark('keel');
  if (stop === 'keel') return done(marks);
  const { AppModule } = require(path.join(HELLO, 'app.module')) as { AppModule: Keel.ModuleClass };
  mark('app');
  if (stop === 'app') return done(marks);
  if (stop === 'bootstrap' || stop === 'discover') {
    await keel.bootstrap(AppModule);
    mark('bootstrap');
    // The list grows only at its end: what was loaded after the deps mark, bindings included.
    const nodeLoaded = moduleLoadList().slice(loadedAtDeps);
    if (stop === 'discover') return done(marks, { externals: loadedDependencies(), nodeLoaded });
    return done(marks, { nodeLoaded });
  }
  const app = await keel.createApplication(AppModule);
  mark('build');
  if (stop === 'build') return done(marks);
  await app.start();
  mark('start');
  done(marks);
}

/**
 * The twin (samples/hello on inversify alone) in this process until its server listens (polled
 * without loading anything: a timer checks for a TCP server handle); prints every entry of
 * process.moduleLoadList by then, its ready line written and its hooks run.
 */
function runTwin(): void {
  const began = Date.now();
  const poll = setInterval(() => {
    if (process.getActiveResourcesInfo().includes('TCPServerWrap')) {
      clearInterval(poll);
      writeSync(1, `${JSON.stringify({ twinLoaded: moduleLoadList() })}\n`);
      process.exit(0);
    }
    if (Date.now() - began > TWIN_TIMEOUT_MS) throw new Error(`the twin did not listen within ${TWIN_TIMEOUT_MS} ms`);
  }, 1);
  require(TWIN);
}

/** node_modules files in the require cache, in load order (keel itself resolves to the repository's dist/). */
function loadedDependencies(): string[] {
  return Object.keys(require.cache).filter((file) => file.includes(`${path.sep}node_modules${path.sep}`));
}

/** Phase ends on two clocks: wall (performance.now()) and CPU (user + system of every thread), ms. */
interface Marks {
  wall: Record<string, number>;
  cpu: Record<string, number>;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function done(marks: Marks, extra: object = {}): void {
  writeSync(1, `${JSON.stringify({ marks, ...extra })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  writeSync(2, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
