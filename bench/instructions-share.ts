import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchOptions } from './cli-options';
import { countInstructions, NODE_FLAGS } from './instructions';
import { collectMachineInfo } from './machine-info';
import { HELLO_ENV } from './workloads/hello-apps';
import { discoverExternals, HELLO_SHARE, type ShareStop } from './workloads/keel-share';

const STOPS: readonly ShareStop[] = ['deps', 'keel', 'app', 'build', 'start', 'bootstrap'];

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
 * load plus bootstrap() until running.
 */
export async function runShareInstructions(options: BenchOptions, log: (message: string) => void): Promise<void> {
  const machine = collectMachineInfo();
  const outDir = path.join(path.dirname(options.out), 'callgrind');
  mkdirSync(outDir, { recursive: true });
  const externals = await discoverExternals();
  log(`keel bench (instructions, W5 keel share): ${STOPS.length} callgrind runs (~20 s each, 2 at a time)`);
  const counts = new Map<ShareStop, number>();
  const queue = [...STOPS];
  const worker = async () => {
    for (let stop = queue.shift(); stop !== undefined; stop = queue.shift()) {
      const count = await countInstructions([stop, externals], path.join(outDir, `hello-share.${stop}.out`), {
        script: HELLO_SHARE,
        env: HELLO_ENV,
      });
      counts.set(stop, count);
      log(`hello-share ${stop}: ${count.toLocaleString('en-US')} instructions`);
    }
  };
  await Promise.all([worker(), worker()]);
  const millions = (n: number) => `${(n / 1e6).toFixed(1)}M`;
  const phase = (from: ShareStop, to: ShareStop) => counts.get(to)! - counts.get(from)!;
  const details: Record<string, number> = {};
  const rows = ['| phase | instructions |', '| --- | ---: |'];
  for (const { label, from, to } of PHASES) {
    details[label] = phase(from, to);
    rows.push(`| ${label} | ${millions(phase(from, to))} |`);
  }
  const share = PHASES.filter((p) => p.share).reduce((sum, p) => sum + phase(p.from, p.to), 0);
  details["keel's share (load + bootstrap)"] = share;
  rows.push(`| **keel's share (load + bootstrap)** | **${millions(share)}** |`);
  rows.push(`| excluded: node + dependencies preloaded | ${millions(counts.get('deps')!)} |`);
  const markdown = rows.join('\n');
  console.log(`\n## keel bench (instructions, W5 keel share of samples/hello)\n`);
  console.log(`${machine.cpu}, node ${machine.node}, valgrind --tool=callgrind node ${NODE_FLAGS.join(' ')}, ${machine.date}\n`);
  console.log(markdown);
  const out = options.out.replace(/\.json$/, '-w5.json');
  writeFileSync(out, `${JSON.stringify({ machine, counts: Object.fromEntries(counts), details, markdown }, null, 2)}\n`);
  log(`results written to ${out}`);
}
