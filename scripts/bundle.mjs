// `npm run build`, after tsc: puts every module on the default path of `require('keel')` into
// one file, dist/keel-core.js, because a cold start pays per file (resolve, stat, read, compile)
// more than per byte. tsc's output is the input (decorator metadata, declarations, stripInternal
// and the API report stay tsc's), and esbuild only joins modules: each keeps its own CommonJS
// scope and is evaluated at its first require(), as before. Every joined file in dist/ becomes a
// one-line forwarder into the bundle, so code that stays a file of its own (keel/testing, the CLI,
// the timeline renderers, the worker pool, the worker threads' entry) gets the very same modules:
// one KeelError, one Application, whatever the entry point (a worker thread's entry is bundled
// on its own: it runs in another realm). dist/index.js keeps tsc's shape of
// named exports, which Node's ESM loader reads for `import { bootstrap } from 'keel'`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const CORE = 'keel-core.js';
/** tsc's output of src/load-bundle.ts: compiles CORE with V8's code cache (Node 20) or require()s it. */
const LOADER = 'load-bundle.js';

// Loaded on call and not on samples/hello's path: each stays a file of its own (and loads its
// own imports through the forwarders). Paths are dist-relative module ids.
const OFF_PATH = new Set([
  'cli/render-timeline-html',
  'cli/render-trace',
  'cli/write-timeline',
  'cli/timings-file',
  'cli/start-plan',
  'workers/worker-thread-pool',
  'logging/adapt-winston',
  'logging/mask-logger',
]);

const idOf = (file) => path.relative(dist, file).replace(/\\/g, '/').replace(/\.js$/, '');

/** Leaves OFF_PATH modules and every package out of the bundle; an OFF_PATH require names its file from dist/. */
const offPath = {
  name: 'keel-off-path',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.?\// }, ({ path: request, resolveDir }) => {
      const id = idOf(path.resolve(resolveDir, request));
      return OFF_PATH.has(id) ? { path: `./${id}.js`, external: true } : undefined;
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  plugins: [offPath],
  logLevel: 'warning',
  legalComments: 'none',
};

// 1. Which modules the default path reaches (tsc's index.js and everything it requires, eagerly or not).
const { metafile } = await build({ ...common, entryPoints: [path.join(dist, 'index.js')], write: false, metafile: true });
const ids = Object.keys(metafile.inputs)
  .map((input) => idOf(path.resolve(root, input)))
  .sort();
for (const id of ids) {
  // In one file, __dirname and require.main would name the bundle, not the module.
  if (/\b(__dirname|__filename|require\.main)\b/.test(readFileSync(path.join(dist, `${id}.js`), 'utf8'))) {
    throw new Error(`bundle: dist/${id}.js uses __dirname, __filename or require.main; list it in OFF_PATH (scripts/bundle.mjs).`);
  }
}
const exportNames = JSON.parse(
  execFileSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(Object.keys(require(process.argv[1]))))', dist]),
);

// 2. One bundle whose only export is the table of its modules, each required on demand.
const table = ids.map((id) => `    case ${JSON.stringify(id)}: return require(${JSON.stringify(`./${id}.js`)});`).join('\n');
await build({
  ...common,
  stdin: {
    contents: `exports.m = function (id) {\n  switch (id) {\n${table}\n  }\n};\n`,
    resolveDir: dist,
    sourcefile: 'keel-core-entry.js',
  },
  outfile: path.join(dist, CORE),
  // 'linked' maps lines; the eager rewrite below keeps every line where it is.
  sourcemap: true,
  sourcesContent: false,
});

// Every joined module runs when first required, so each is compiled as it is parsed: V8 compiles a
// parenthesized function eagerly (its "PIFE" hint), where esbuild's method-shaped module would be
// pre-parsed at load and parsed again at its first call (about 4% of keel's share).
const corePath = path.join(dist, CORE);
let eager = 0;
let closed = 0;
const text = readFileSync(corePath, 'utf8')
  .replace(/^(var require_\w+ = __commonJS\(\{\n {2}"[^"]+")\(([^)]*)\) \{$/gm, (_, head, params) => {
    eager += 1;
    return `${head}: (function (${params}) {`;
  })
  .replace(/^ {2}\}\n\}\);$/gm, () => {
    closed += 1;
    return '  })\n});';
  });
if (eager !== ids.length || closed !== ids.length) {
  throw new Error(`bundle: expected ${ids.length} esbuild module wrappers in ${CORE}, found ${eager} openings and ${closed} ends.`);
}
// dist/load-bundle.js reads the bundle as latin1 (a plain copy, where utf8 validates every byte):
// exact only while every byte is ASCII, which esbuild's default charset gives (it escapes the rest).
if (Buffer.byteLength(text, 'utf8') !== text.length)
  throw new Error(`bundle: ${CORE} has a non-ASCII character; dist/load-bundle.js reads it as latin1.`);
// Its content hash, which dist/load-bundle.js puts in the name of its code cache files.
writeFileSync(corePath, `${text.replace(/\n?$/, '\n')}//# keelBundle=${createHash('sha256').update(text).digest('hex').slice(0, 16)}\n`);

// 3. A worker thread is a realm of its own: its entry is one file with what it needs, and never
// parses the main thread's bundle. Built from tsc's modules, before step 4 turns them into
// forwarders (which would inline dist/load-bundle.js, whose __dirname would then be workers/).
const workerEntry = path.join(dist, 'workers', 'worker-entry.js');
await build({
  ...common,
  plugins: [],
  entryPoints: [workerEntry],
  outfile: workerEntry,
  allowOverwrite: true,
  sourcemap: true,
  sourcesContent: false,
});

// 4. Every joined file forwards to its module in the bundle; their own source maps go with them.
for (const id of ids) {
  const loader = path.relative(path.dirname(path.join(dist, id)), path.join(dist, LOADER)).replace(/\\/g, '/');
  const from = `require(${JSON.stringify(loader.startsWith('.') ? loader : `./${loader}`)}).loadBundle().m(${JSON.stringify(id)})`;
  const text =
    id === 'index'
      ? [
          '"use strict";',
          `const keel = ${from};`,
          'Object.defineProperty(exports, "__esModule", { value: true });',
          ...exportNames.map(
            (name) => `Object.defineProperty(exports, "${name}", { enumerable: true, get: function () { return keel.${name}; } });`,
          ),
        ].join('\n')
      : `"use strict";\nmodule.exports = ${from};`;
  writeFileSync(path.join(dist, `${id}.js`), `${text}\n`);
  rmSync(path.join(dist, `${id}.js.map`), { force: true });
}
console.error(`bundle: ${ids.length} modules in dist/${CORE}; ${OFF_PATH.size} loaded on call stay files`);
