// Jest globalTeardown of the reliability suite: merges the per-scenario figures into .results.json.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { RESULTS_DIR, RESULTS_FILE } from './paths';
import type { Figure } from './results';

export default function mergeResults(): void {
  if (!existsSync(RESULTS_DIR)) return;
  const figures = readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(RESULTS_DIR, name), 'utf8')) as Figure);
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`;
  const run = { date: new Date().toISOString(), node: process.version, machine, figures };
  writeFileSync(RESULTS_FILE, JSON.stringify(run, null, 2) + '\n');
}
