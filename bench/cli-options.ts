import path from 'node:path';
import { ALL_FRAMEWORKS, type FrameworkName } from './frameworks/framework-adapter';
import type { BenchMode } from './workloads/workload';

/** The repository root, from bench/.tmp/bench/ where this file runs compiled. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface BenchOptions {
  mode: BenchMode;
  /** Overrides every case's run count. */
  runs: number | undefined;
  /** Workload ids to run (case-insensitive); empty: all. */
  only: string[];
  frameworks: readonly FrameworkName[];
  out: string;
  /** Directory for --cpu-prof output of every child, or undefined. */
  profileDir: string | undefined;
  /** --instructions: W1 (and with --only W5, W5's keel share) under callgrind instead of the wall-time workloads. */
  instructions: boolean;
  /** The N of every --instructions run (--instructions-n 1000,4000). */
  instructionSizes: number[];
}

export const USAGE = `usage: npm run bench -- [--quick] [--runs N] [--only W1,W4] [--frameworks keel,inversify] [--out file.json] [--profile]
  --quick       fewer runs and smaller N: a smoke check (CI); writes bench/.tmp/results-quick.json unless --out
  --runs N      fresh processes per case and framework (default 5, quick 3)
  --only        workload ids to run
  --frameworks  subset of ${ALL_FRAMEWORKS.join(', ')} (the last three: W6/W7 peers)
  --profile     run every child under node --cpu-prof; profiles land in bench/.tmp/profiles
  --instructions  W1 (keel, inversify; effect informational) under valgrind callgrind: instructions per service, not wall time (minutes; opt-in)
  --instructions-n 1000,4000  the N to count at (default 1000)`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const args = [...argv];
  let mode: BenchMode = 'full';
  let runs: number | undefined;
  let only: string[] = [];
  let frameworks: readonly FrameworkName[] = ALL_FRAMEWORKS;
  let out: string | undefined;
  let profileDir: string | undefined;
  let instructions = false;
  let instructionSizes = [1000];
  const value = (flag: string) => {
    const next = args.shift();
    if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value.\n${USAGE}`);
    return next;
  };
  while (args.length > 0) {
    const arg = args.shift()!;
    switch (arg) {
      case '--quick':
        mode = 'quick';
        break;
      case '--runs':
        runs = Number(value(arg));
        if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer.\n${USAGE}`);
        break;
      case '--only':
        only = value(arg)
          .split(',')
          .map((id) => id.trim().toUpperCase())
          .filter(Boolean);
        break;
      case '--frameworks': {
        const names = value(arg).split(',');
        const unknown = names.filter((n) => !ALL_FRAMEWORKS.includes(n as FrameworkName));
        if (unknown.length > 0) throw new Error(`Unknown framework(s) ${unknown.join(', ')}.\n${USAGE}`);
        frameworks = ALL_FRAMEWORKS.filter((f) => names.includes(f));
        break;
      }
      case '--out':
        out = path.resolve(value(arg));
        break;
      case '--profile':
        profileDir = path.join(ROOT, 'bench', '.tmp', 'profiles');
        break;
      case '--instructions':
        instructions = true;
        break;
      case '--instructions-n':
        instructions = true;
        instructionSizes = value(arg).split(',').map(Number);
        if (instructionSizes.some((n) => !Number.isInteger(n) || n < 20 || n % 20 !== 0)) {
          throw new Error(`--instructions-n takes multiples of 20 (the graph has 20 layers).\n${USAGE}`);
        }
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option "${arg}".\n${USAGE}`);
    }
  }
  out ??= instructions
    ? path.join(ROOT, 'bench', '.tmp', 'results-instructions.json')
    : mode === 'quick'
      ? path.join(ROOT, 'bench', '.tmp', 'results-quick.json')
      : path.join(ROOT, 'bench', 'results.json');
  return { mode, runs, only, frameworks, out, profileDir, instructions, instructionSizes };
}
