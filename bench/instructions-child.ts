import { loadAdapter, type AdapterName } from './frameworks/framework-adapter';
import { generateLayeredGraph } from './graph';
import { runFloor } from './instructions-floor';

/** How far one instructions run goes; the differences between stages are what is reported. */
export type InstructionStage = 'define' | 'build' | 'stop';

/** `keel-floor`: keel's build, then start+stop by the minimal scheduler of instructions-floor.ts. */
export type InstructionFramework = AdapterName | 'keel-floor';

/**
 * One W1 run under callgrind (`bench/instructions.ts` spawns it): define the
 * graph's classes, then optionally build, start and stop, then exit. Runs to
 * different stages differ only by the work measured, so their instruction
 * counts subtract to that work.
 */
async function main(): Promise<void> {
  const [framework, n, stage] = process.argv.slice(2) as [InstructionFramework, string, InstructionStage];
  const graph = generateLayeredGraph({ layers: 20, width: Number(n) / 20, seed: 1 });
  const adapter = await loadAdapter(framework === 'keel-floor' ? 'keel' : framework);
  const defined = adapter.define({ graph, hooks: async () => {} });
  if (stage === 'define') return;
  const built = await defined.build();
  if (stage === 'build') return;
  if (framework === 'keel-floor') return runFloor(built.app);
  const running = await built.start();
  await running.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
