import { join } from 'node:path';
import type { RunOptions } from '../../../src/bootstrap';
import { LOGGER, SIGNALS } from '../../../src/entrypoint/tokens';
import { ManualSignals } from '../../../src/signals/manual-signals';
import { MemoryLogger } from '../../../src/testing/memory-logger';

/** An env file that does not exist: bootstrap's loadEnv must not read the repository's .env into the test process. */
const NO_ENV_FILE = join(__dirname, 'no-such.env');

/** process.exitCode while a test has not ended its app yet; any real code replaces it. */
export const UNSET_EXIT_CODE = 99;

/** Options for an in-process bootstrap() or run(): no process.exit, ManualSignals and a MemoryLogger in place of the defaults. */
export function inProcess(extra: RunOptions = {}) {
  const signals = new ManualSignals();
  const logger = new MemoryLogger();
  const options: RunOptions = {
    exit: false,
    envFile: NO_ENV_FILE,
    ...extra,
    overrides: [{ provide: SIGNALS, useValue: signals }, { provide: LOGGER, useValue: logger }, ...(extra.overrides ?? [])],
  };
  return { signals, logger, options };
}

/**
 * The exit code once the runner has ended (it sets process.exitCode after flushing,
 * a few I/O turns after the app stopped); UNSET_EXIT_CODE if it never does.
 */
export async function settledExitCode(): Promise<number | string | undefined> {
  for (let i = 0; i < 400 && process.exitCode === UNSET_EXIT_CODE; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return process.exitCode;
}

/**
 * Guards a suite: process.exit is recorded instead of ending Jest, process.exitCode
 * starts at UNSET_EXIT_CODE and is put back afterwards. Returns the recorded exits.
 */
export function guardProcess(): { exits: unknown[] } {
  const recorded = { exits: [] as unknown[] };
  const exit = process.exit;
  beforeEach(() => {
    recorded.exits.length = 0;
    process.exit = ((code?: number) => {
      recorded.exits.push(code);
    }) as typeof process.exit;
    process.exitCode = UNSET_EXIT_CODE;
  });
  afterEach(() => {
    process.exit = exit;
    process.exitCode = undefined;
  });
  return recorded;
}

/** A promise with its resolve function, to hold a hook until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
