import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchOptions } from './cli-options';
import { countInstructions, NODE_FLAGS } from './instructions';
import { collectMachineInfo } from './machine-info';
import { CODE_CACHE_DIR, codeCacheEnv, HELLO_ENV, type CodeCache } from './workloads/hello-apps';
import { discoverExternals, HELLO_SHARE, type ShareStop } from './workloads/keel-share';

const STOPS: readonly ShareStop[] = ['deps', 'keel', 'app', 'build', 'start', 'bootstrap'];
/** keel's code cache off (a first start: the plain compile), then warm (a restart: compiled from the cache). */
const CODE_CACHES: readonly CodeCache[] = ['off', 'warm'];

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
 * which repeat within 0.01% whatever the load. keel's own share is its modules'
 * load plus bootstrap() until running. Each stop runs with keel's code cache off
 * and warm; the warm runs' cache is written first by one plain run under the
 * same node flags (V8 refuses a cache made under other flags).
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
  const jobs = CODE_CACHES.flatMap((codeCache) => STOPS.map((stop) => ({ codeCache, stop })));
  log(`keel bench (instructions, W5 keel share): ${jobs.length} callgrind runs (~20 s each, 2 at a time)`);
  const counts = new Map<string, number>();
  const key = (codeCache: CodeCache, stop: ShareStop) => `${codeCache} ${stop}`;
  const worker = async () => {
    for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
      const { codeCache, stop } = job;
      const count = await countInstructions([stop, externals], path.join(outDir, `hello-share.${codeCache}.${stop}.out`), {
        script: HELLO_SHARE,
        env: { ...HELLO_ENV, ...codeCacheEnv(codeCache) },
      });
      counts.set(key(codeCache, stop), count);
      log(`hello-share ${stop}, code cache ${codeCache}: ${count.toLocaleString('en-US')} instructions`);
    }
  };
  await Promise.all([worker(), worker()]);
  const millions = (n: number) => `${(n / 1e6).toFixed(1)}M`;
  const phase = (codeCache: CodeCache, from: ShareStop, to: ShareStop) =>
    counts.get(key(codeCache, to))! - counts.get(key(codeCache, from))!;
  const details: Record<string, Record<string, number>> = {};
  const rows = [`| phase | ${CODE_CACHES.map((c) => `code cache ${c}`).join(' | ')} |`, `| --- |${' ---: |'.repeat(CODE_CACHES.length)}`];
  const share = (codeCache: CodeCache) => PHASES.filter((p) => p.share).reduce((sum, p) => sum + phase(codeCache, p.from, p.to), 0);
  for (const codeCache of CODE_CACHES) {
    details[codeCache] = Object.fromEntries(PHASES.map((p) => [p.label, phase(codeCache, p.from, p.to)]));
    details[codeCache]["keel's share (load + bootstrap)"] = share(codeCache);
  }
  for (const { label, from, to } of PHASES) rows.push(`| ${label} | ${CODE_CACHES.map((c) => millions(phase(c, from, to))).join(' | ')} |`);
  rows.push(`| **keel's share (load + bootstrap)** | ${CODE_CACHES.map((c) => `**${millions(share(c))}**`).join(' | ')} |`);
  rows.push(`| excluded: node + dependencies preloaded | ${CODE_CACHES.map((c) => millions(counts.get(key(c, 'deps'))!)).join(' | ')} |`);
  const markdown = rows.join('\n');
  console.log(`\n## keel bench (instructions, W5 keel share of samples/hello)\n`);
  console.log(`${machine.cpu}, node ${machine.node}, valgrind --tool=callgrind node ${NODE_FLAGS.join(' ')}, ${machine.date}\n`);
  console.log(markdown);
  const out = options.out.replace(/\.json$/, '-w5.json');
  writeFileSync(out, `${JSON.stringify({ machine, counts: Object.fromEntries(counts), details, markdown }, null, 2)}\n`);
  log(`results written to ${out}`);
}
