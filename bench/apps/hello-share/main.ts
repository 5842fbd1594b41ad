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
 *   node main.js <stop> <externals.json>  preloads those files, then goes as far as
 *                                         <stop> and exits
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
 */
const STOPS = ['deps', 'keel', 'app', 'build', 'start', 'bootstrap'] as const;
type Stop = (typeof STOPS)[number] | 'discover';

/** The compiled samples/hello next to this app in bench/.tmp. */
const HELLO = path.join(__dirname, '..', '..', '..', 'samples', 'hello');

async function main(): Promise<void> {
  const [stop, externalsFile] = process.argv.slice(2) as [Stop, string | undefined];
  if (stop !== 'discover' && !STOPS.includes(stop)) throw new Error(`unknown stop "${stop}"; one of discover, ${STOPS.join(', ')}`);
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
    for (const file of require(externalsFile) as string[]) require(file);
  }
  mark('deps');
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
    if (stop === 'discover') return done(marks, { externals: loadedDependencies() });
    return done(marks);
  }
  const app = await keel.createApplication(AppModule);
  mark('build');
  if (stop === 'build') return done(marks);
  await app.start();
  mark('start');
  done(marks);
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
