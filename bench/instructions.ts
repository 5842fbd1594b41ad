import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchOptions } from './cli-options';
import type { AdapterName } from './frameworks/framework-adapter';
import type { InstructionStage } from './instructions-child';
import { collectMachineInfo } from './machine-info';

const CHILD = path.join(__dirname, 'instructions-child.js');
/**
 * --predictable alone still lets V8 pace incremental marking and heap growth by
 * wall time, which moved counts by 4% between a run alone and two side by side;
 * with a fixed GC schedule and atomic marking, repeated runs agree within 0.001%.
 */
export const NODE_FLAGS = ['--predictable', '--predictable-gc-schedule', '--no-incremental-marking'];
const STAGES: readonly InstructionStage[] = ['define', 'build', 'stop'];
/** Effect is an informational row: no target applies to it. */
const FRAMEWORKS: readonly AdapterName[] = ['keel', 'inversify', 'effect'];
/**
 * Effect has no build apart from its start (building the layers constructs and
 * starts each service), so its build stage would equal define: it is not run,
 * and all of build+start+stop lands in the define -> stop difference.
 */
const stagesOf = (framework: Row): readonly InstructionStage[] =>
  framework === 'effect' ? STAGES.filter((s) => s !== 'build') : framework === 'keel-floor' ? ['build', 'stop'] : STAGES;
/**
 * keel runs twice per N: with its code cache off, as a first start compiles it, and warm,
 * as a restart finds it (`keel-cached`: every stage compiled from one cache, written
 * beforehand by a plain run of the same child under the same node flags).
 */
/**
 * `keel-floor` (a reference, start+stop only, cache warm): keel's build, then the same graph
 * started and stopped by the minimal scheduler of instructions-floor.ts, in keel's heap.
 */
type Row = AdapterName | 'keel-cached' | 'keel-floor';
const ROW_LABEL: Partial<Record<Row, string>> = {
  'keel-cached': 'keel, code cache warm',
  'keel-floor': "keel's build, then a minimal scheduler (the start+stop floor, cache warm)",
};
/** Target 1: build+start+stop per service within this of raw inversify. */
const BOOT_TARGET = 1.3;
/** Target 3: start+stop of one no-op hook pair, instructions. */
const HOOKS_TARGET = 30_000;
/** Per-service cost at the largest N over that at the smallest: above this, superlinear. */
const LINEAR_SLACK = 1.15;

/**
 * `npm run bench -- --instructions`: W1 under callgrind on `node --predictable`
 * (and a fixed GC schedule), which counts the same instructions run to run whatever the load.
 * Each framework runs three times per N, stopping after define, after build, and
 * after start+stop; the differences are build (bind + graph + construct) and
 * start+stop per service, with module load and class creation cancelled out.
 */
export async function runInstructions(options: BenchOptions, log: (message: string) => void): Promise<void> {
  const sizes = options.instructionSizes;
  const frameworks: Row[] = FRAMEWORKS.filter((f) => options.frameworks.includes(f));
  if (frameworks.includes('keel')) frameworks.splice(frameworks.indexOf('keel') + 1, 0, 'keel-cached', 'keel-floor');
  const machine = collectMachineInfo();
  const outDir = path.join(path.dirname(options.out), 'callgrind');
  mkdirSync(outDir, { recursive: true });
  const jobs = sizes.flatMap((n) => frameworks.flatMap((framework) => stagesOf(framework).map((stage) => ({ n, framework, stage }))));
  log(
    `keel bench (instructions): ${jobs.length} callgrind runs (~30 s each at n=1000, 2 at a time), load ${machine.loadAverage.join(' ')}`,
  );
  const cacheDir = path.join(outDir, 'code-cache');
  if (frameworks.includes('keel-cached')) await warmCodeCache(sizes[0]!, cacheDir);
  const counts = new Map<string, number>();
  const key = (framework: string, n: number, stage: string) => `${framework} ${n} ${stage}`;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { n, framework, stage } = jobs[next++]!;
      // Each stage is its own process: with the cache left to itself, the first would write it
      // and the later ones compile from it, crediting the cache to build and start. So every
      // stage of a row meets the same cache: none, or the one written beforehand.
      const adapter = framework === 'keel-cached' ? 'keel' : framework;
      const count = await countInstructions([adapter, String(n), stage], path.join(outDir, `${framework}.${n}.${stage}.out`), {
        env: { KEEL_CODE_CACHE: framework === 'keel-cached' || framework === 'keel-floor' ? cacheDir : 'off' },
      });
      counts.set(key(framework, n, stage), count);
      log(`${framework} n=${n} ${stage}: ${count.toLocaleString('en-US')} instructions`);
    }
  };
  await Promise.all([worker(), worker()]);

  const rows: string[] = [
    '| N | framework | build / service | start+stop / service | build+start+stop / service | ratio to inversify | target |',
    '| ---: | --- | ---: | ---: | ---: | ---: | --- |',
  ];
  const details: Record<string, unknown> = {};
  const count = (framework: Row, n: number, stage: InstructionStage) =>
    counts.get(key(framework, n, stagesOf(framework).includes(stage) ? stage : 'define'))!;
  const perService = (framework: Row, n: number, from: InstructionStage, to: InstructionStage) =>
    (count(framework, n, to) - count(framework, n, from)) / n;
  for (const n of sizes) {
    const base = frameworks.includes('inversify') ? perService('inversify', n, 'define', 'stop') : undefined;
    for (const framework of frameworks) {
      if (framework === 'keel-floor') {
        const hooks = perService(framework, n, 'build', 'stop');
        details[`${framework} n=${n}`] = { hooks };
        rows.push(`| ${n} | ${ROW_LABEL[framework]} | - | ${thousands(hooks)} | - | - | reference |`);
        continue;
      }
      const build = perService(framework, n, 'define', 'build');
      const hooks = perService(framework, n, 'build', 'stop');
      const total = perService(framework, n, 'define', 'stop');
      const ratio = base === undefined ? undefined : total / base;
      details[`${framework} n=${n}`] = { build, hooks, total, ratio };
      const target =
        framework === 'keel' || framework === 'keel-cached'
          ? [
              ratio === undefined ? '' : `${ratio <= BOOT_TARGET ? 'ok' : 'MISS'} <= ${BOOT_TARGET}x`,
              `hooks ${hooks <= HOOKS_TARGET ? 'ok' : 'MISS'} <= ${HOOKS_TARGET / 1000}k`,
            ]
              .filter(Boolean)
              .join('; ')
          : '';
      const oneCall = !stagesOf(framework).includes('build');
      rows.push(
        `| ${n} | ${ROW_LABEL[framework] ?? framework} | ${oneCall ? '- (no build step)' : thousands(build)} | ${oneCall ? `${thousands(hooks)} (build+start+stop)` : thousands(hooks)} | ${thousands(total)} | ${ratio === undefined ? '-' : `${ratio.toFixed(2)}x`} | ${oneCall ? 'informational' : target} |`,
      );
    }
  }
  const notes: string[] = [];
  if (frameworks.includes('effect')) {
    notes.push(
      'effect: Layer.buildWithScope constructs and starts every service in one pass, so it has no build stage: its start+stop cell is build+start+stop, and its define includes creating the layers (module load in an Effect app).',
    );
  }
  if (sizes.length > 1) {
    const [small, large] = [sizes[0]!, sizes[sizes.length - 1]!];
    for (const framework of frameworks) {
      if (framework === 'keel-floor') continue;
      const growth = perService(framework, large, 'define', 'stop') / perService(framework, small, 'define', 'stop');
      notes.push(
        `${framework}: per-service cost at N=${large} is ${growth.toFixed(2)}x that at N=${small} (${growth <= LINEAR_SLACK ? 'linear' : 'superlinear'}, slack ${LINEAR_SLACK}).`,
      );
    }
  }
  const markdown = [...rows, '', ...notes.map((n) => `- ${n}`)].join('\n');
  console.log(`\n## keel bench (instructions, W1: ${'20 layers, no-op async hooks'})\n`);
  console.log(`${machine.cpu}, node ${machine.node}, valgrind --tool=callgrind node ${NODE_FLAGS.join(' ')}, ${machine.date}\n`);
  console.log(markdown);
  const out = options.out;
  writeFileSync(out, `${JSON.stringify({ machine, sizes, counts: Object.fromEntries(counts), details, notes, markdown }, null, 2)}\n`);
  log(`results written to ${out}`);
}

/** Writes keel's code cache into `dir` with one plain (uncounted) W1 run under the counted runs' node flags. */
function warmCodeCache(n: number, dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    execFile('node', [...NODE_FLAGS, CHILD, 'keel', String(n), 'stop'], { env: { ...process.env, KEEL_CODE_CACHE: dir } }, (error) => {
      if (error) reject(error);
      else if (!readdirSync(dir).some((name) => name.endsWith('.cache'))) reject(new Error(`no code cache was written into ${dir}`));
      else resolve();
    });
  });
}

/** Instructions one `node <script> ...args` process executes under callgrind (script: the W1 child by default). */
export function countInstructions(
  args: readonly string[],
  outFile: string,
  options: { script?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      'valgrind',
      ['--tool=callgrind', `--callgrind-out-file=${outFile}`, 'node', ...NODE_FLAGS, options.script ?? CHILD, ...args],
      { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...options.env } },
      (error, _stdout, stderr) => {
        const match = /Collected : (\d+)/.exec(stderr);
        if (error || !match)
          reject(new Error(`callgrind ${args.join(' ')} failed: ${error?.message ?? 'no count'}\n${stderr.slice(-2000)}`));
        else resolve(Number(match[1]));
      },
    );
  });
}

function thousands(value: number): string {
  return `${(value / 1000).toFixed(1)}k`;
}
