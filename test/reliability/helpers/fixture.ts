import { join } from 'node:path';
import { spawnApp, type SpawnedApp, type SpawnOptions } from '../../integration/helpers/spawn-app';
import { BUILD_DIR } from './paths';

/** The compiled JavaScript of a fixture: `reliability/<name>` or `integration/<name>` (a file under that folder's fixtures/). */
export function compiledFixture(name: `${'reliability' | 'integration'}/${string}`): string {
  const [suite, file] = name.split('/') as [string, string];
  return join(BUILD_DIR, 'test', suite, 'fixtures', file.replace(/\.ts$/, '.js'));
}

/** spawnApp on a compiled fixture: the same real process, signals and exit codes, without ts-node. */
export function spawnFixture(name: Parameters<typeof compiledFixture>[0], options: SpawnOptions = {}): SpawnedApp {
  return spawnApp(compiledFixture(name), options);
}

/** Runs `count` jobs with at most `width` at a time (each job spawns a child; the machine has 2 cores). */
export async function inBatches<T>(count: number, width: number, job: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await job(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  return results;
}

/** Child-reported lines ("fixture: ..."), with the prefix removed. */
export const reports = (lines: readonly string[]) => lines.filter((l) => l.startsWith('fixture: ')).map((l) => l.slice('fixture: '.length));
