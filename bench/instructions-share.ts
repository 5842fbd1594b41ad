import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchOptions } from './cli-options';
import { countInstructions, NODE_FLAGS } from './instructions';
import { collectMachineInfo } from './machine-info';
import { CODE_CACHE_DIR, codeCacheEnv, HELLO_ENV, type CodeCache } from './workloads/hello-apps';
import {
  discoverExternals,
  HELLO_SHARE,
  runShare,
  SHARE_DEFINITIONS,
  shareArgs,
  type Externals,
  type ShareDefinition,
  type ShareStop,
} from './workloads/keel-share';

const STOPS: readonly ShareStop[] = ['deps', 'keel', 'app', 'build', 'start', 'bootstrap'];
/** keel's code cache off (a first start: the plain compile), then warm (a restart: compiled from the cache). */
const CODE_CACHES: readonly CodeCache[] = ['off', 'warm'];
const DEFINITION_LABEL: Record<ShareDefinition, string> = {
  keel: "keel's share",
  'keel-own': "keel's own (Node's shared modules out)",
};

/** Each phase as the difference of two stops (bench/apps/hello-share runs one stop per process). */
const PHASES: readonly { label: string; from: ShareStop; to: ShareStop; share?: boolean }[] = [
  { label: "keel's modules load", from: 'deps', to: 'keel', share: true },
  { label: 'build (createApplication)', from: 'app', to: 'build' },
  { label: 'start (app.start())', from: 'build', to: 'start' },
  { label: 'bootstrap() until running', from: 'app', to: 'bootstrap', share: true },
  { label: "samples/hello's own modules", from: 'keel', to: 'app' },
];

/**
 * `npm run bench -- --instructions --only W5`: W5's "keel share" under callgrind.
 * One hello-share process per stop, with samples/hello's dependency files
 * preloaded (see keel-share.ts); stops subtract to each phase's instructions,
 * which repeat within 0.01% whatever the load. keel's share is its modules'
 * load plus bootstrap() until running. Each stop runs with keel's code cache off
 * and warm; the warm runs' cache is written first by one plain run under the
 * same node flags (V8 refuses a cache made under other flags). And each runs under
 * both definitions: `keel` (every Node module keel's path loads counts) and
 * `keel-own` (the Node modules the inversify-only twin loads too are preloaded with the
 * dependencies), so the table shows how much of the share is Node's and how much keel's.
 */
export async function runShareInstructions(options: BenchOptions, log: (message: string) => void): Promise<void> {
  const machine = collectMachineInfo();
  const outDir = path.join(path.dirname(options.out), 'callgrind');
  mkdirSync(outDir, { recursive: true });
  const externals = await discoverExternals();
  rmSync(CODE_CACHE_DIR, { recursive: true, force: true });
  execFileSync(process.execPath, [...NODE_FLAGS, HELLO_SHARE, 'bootstrap', externals], {
    env: { ...process.env, ...HELLO_ENV, ...codeCacheEnv('warm') },
    stdio: 'ignore',
  });
  const discovered = JSON.parse(readFileSync(externals, 'utf8')) as Externals;
  // Which Node modules each definition still loads in keel's phases (a plain run: the same modules load under callgrind).
  const nodeLeft: Record<string, string[]> = {};
  for (const definition of SHARE_DEFINITIONS)
    nodeLeft[definition] = (await runShare('bootstrap', externals, 'warm', definition)).nodeLoaded ?? [];
  const columns = SHARE_DEFINITIONS.flatMap((definition) => CODE_CACHES.map((codeCache) => ({ definition, codeCache })));
  const jobs = columns.flatMap((column) => STOPS.map((stop) => ({ ...column, stop })));
  log(`keel bench (instructions, W5 keel share): ${jobs.length} callgrind runs (~20 s each, 2 at a time)`);
  const counts = new Map<string, number>();
  const key = (definition: ShareDefinition, codeCache: CodeCache, stop: ShareStop) => `${definition} ${codeCache} ${stop}`;
  const worker = async () => {
    for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
      const { definition, codeCache, stop } = job;
      const count = await countInstructions(
        [stop, externals, ...shareArgs(definition)],
        path.join(outDir, `hello-share.${definition}.${codeCache}.${stop}.out`),
        { script: HELLO_SHARE, env: { ...HELLO_ENV, ...codeCacheEnv(codeCache) } },
      );
      counts.set(key(definition, codeCache, stop), count);
      log(`hello-share ${stop}, ${definition}, code cache ${codeCache}: ${count.toLocaleString('en-US')} instructions`);
    }
  };
  await Promise.all([worker(), worker()]);
  const millions = (n: number) => `${(n / 1e6).toFixed(1)}M`;
  type Column = (typeof columns)[number];
  const phase = ({ definition, codeCache }: Column, from: ShareStop, to: ShareStop) =>
    counts.get(key(definition, codeCache, to))! - counts.get(key(definition, codeCache, from))!;
  const share = (column: Column) => PHASES.filter((p) => p.share).reduce((sum, p) => sum + phase(column, p.from, p.to), 0);
  const details: Record<string, Record<string, number>> = {};
  for (const column of columns) {
    const entry = Object.fromEntries(PHASES.map((p) => [p.label, phase(column, p.from, p.to)]));
    entry["keel's share (load + bootstrap)"] = share(column);
    details[`${column.definition}, code cache ${column.codeCache}`] = entry;
  }
  const header = columns.map((c) => `${DEFINITION_LABEL[c.definition]}, cache ${c.codeCache}`);
  const rows = [`| phase | ${header.join(' | ')} |`, `| --- |${' ---: |'.repeat(columns.length)}`];
  for (const { label, from, to } of PHASES) rows.push(`| ${label} | ${columns.map((c) => millions(phase(c, from, to))).join(' | ')} |`);
  rows.push(`| **share (load + bootstrap)** | ${columns.map((c) => `**${millions(share(c))}**`).join(' | ')} |`);
  rows.push(
    `| excluded: node + dependencies preloaded | ${columns.map((c) => millions(counts.get(key(c.definition, c.codeCache, 'deps'))!)).join(' | ')} |`,
  );
  const nodeShare = CODE_CACHES.map((codeCache) => {
    const of = (definition: ShareDefinition) => share({ definition, codeCache });
    return `code cache ${codeCache}: ${millions(of('keel'))} = Node's ${millions(of('keel') - of('keel-own'))} + keel's own ${millions(of('keel-own'))}`;
  });
  const notes = [
    `Node's share: ${nodeShare.join('; ')}.`,
    `Node modules taken out of keel's phases for its own share (samples/hello's path and the twin, bench/apps/hello-inversify, both load them): ${describeModules(nodeLeft.keel!.filter((entry) => !nodeLeft['keel-own']!.includes(entry)))}.`,
    `Loaded in keel's phases by samples/hello's path only, so kept in keel's own share: ${describeModules(discovered.nodeKeelOnly.filter((entry) => nodeLeft.keel!.includes(entry)))}.`,
    ...SHARE_DEFINITIONS.map(
      (definition) => `Still loaded in keel's phases, ${DEFINITION_LABEL[definition]}: ${describeModules(nodeLeft[definition]!)}.`,
    ),
  ];
  const markdown = [...rows, '', ...notes.map((note) => `- ${note}`)].join('\n');
  console.log(`\n## keel bench (instructions, W5 keel share of samples/hello)\n`);
  console.log(`${machine.cpu}, node ${machine.node}, valgrind --tool=callgrind node ${NODE_FLAGS.join(' ')}, ${machine.date}\n`);
  console.log(markdown);
  const out = options.out.replace(/\.json$/, '-w5.json');
  writeFileSync(
    out,
    `${JSON.stringify({ machine, counts: Object.fromEntries(counts), details, externals: discovered, nodeLeft, markdown }, null, 2)}\n`,
  );
  log(`results written to ${out}`);
}

/** process.moduleLoadList entries in short: the public modules by name, then how many internal modules and bindings. */
function describeModules(entries: readonly string[]): string {
  const native = entries.filter((e) => e.startsWith('NativeModule ')).map((e) => e.slice('NativeModule '.length));
  const internal = native.filter((id) => id.startsWith('internal/')).length;
  const bindings = entries.length - native.length;
  const names = native.filter((id) => !id.startsWith('internal/'));
  if (entries.length === 0) return 'none';
  return `${names.join(', ') || 'no public module'} (+ ${internal} internal modules, ${bindings} bindings)`;
}
