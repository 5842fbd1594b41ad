import type { Application } from '../application';
import { KeelError, ShutdownTimeoutError } from '../errors';
import { loadEnv } from '../config/load-env';
import { buildApplication, type CreateApplicationOptions } from '../create-application';
import type { Logger } from '../logging/logger';
import { SecretMask } from '../logging/secret-mask';
import { tokenName } from '../module/token';
import type { ModuleClass } from '../module/module-decorator';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes';
import { flushOutput } from './flush-output';
import { resolveEnvFile, resolveSettings } from './resolve-settings';
import { StopRequest } from './stop-request';
import { watchProcess } from './watch-process';
import type { EntrypointSettings } from './entrypoint-settings';
import { LOGGER } from './tokens';

/** How long a dying process waits for its logs to reach the OS before it exits anyway. */
const FLUSH_LIMIT_MS = 5_000;

export interface SuperviseOptions<T> {
  options: CreateApplicationOptions;
  /** run()'s main; without one the app runs until something asks it to stop (bootstrap). */
  main?: (app: Application) => T | Promise<T>;
  /** With main: after it returns, keep running until a stop request (aiorun's run_forever). */
  forever?: boolean;
  /** Called once, the moment the app is running. */
  onRunning?: (app: Application) => void;
  /** process.exit, injected; undefined: never exit, only set process.exitCode. */
  exit: ((code: number) => void) | undefined;
  /** 'always' (bootstrap): exit once done. 'stuck' (run): only when a hung hook or main would hold the process. */
  exitWhen: 'always' | 'stuck';
}

/** How a supervised process ended. */
export interface ProcessOutcome<T> {
  exitCode: number;
  /** The application, when it was built. */
  app?: Application;
  /** What ended it badly (or START_ABORTED / FORCED_EXIT); run() rejects with it. */
  error?: unknown;
  /** main's value, when it returned. */
  value?: T;
  /** A hook or main was still running when the process was let go (shutdown timeout, second signal). */
  stuck: boolean;
}

/** The root module of the application that owns this process, while one does. */
let owner: string | undefined;

/**
 * Owns one process's life, as one straight path: settings -> .env -> build ->
 * signals and process error handlers -> start -> wait for the first stop request
 * (signal, app.stop(), unhandled error, main settled) -> stop -> flush the logs
 * -> exit. Returns the outcome; exits through the injected `exit` only after the
 * logs are flushed. A second signal while stopping ends it at once (128+n).
 * Rejects, touching nothing, when another application already owns the process.
 */
export async function superviseProcess<T>(root: ModuleClass, supervise: SuperviseOptions<T>): Promise<ProcessOutcome<T>> {
  claimProcess(root);
  let prepared: PreparedApplication;
  const secrets = new SecretMask();
  try {
    prepared = await prepareApplication(root, supervise.options, secrets);
  } catch (error) {
    // Nothing started and there may be no logger: say why on stderr, secrets masked (a constructor may quote one).
    process.stderr.write(describeBuildFailure(error, secrets));
    return end({ exitCode: EXIT_FAILURE, error, stuck: false }, undefined, supervise);
  }
  const { app, settings } = prepared;
  const logger = app.get(LOGGER);
  const request = new StopRequest();
  const watch = watchProcess(app, { logger, request, stopOnUnhandledErrors: settings.stopOnUnhandledErrors });
  const ending = await Promise.race([live({ app, logger, request }, supervise), watch.forced]);
  watch.release();
  await flushOutput(logger, FLUSH_LIMIT_MS);
  return end({ ...ending, app }, app, supervise);
}

export interface PreparedApplication {
  app: Application;
  settings: EntrypointSettings;
}

/**
 * What bootstrap() does before it touches the process: loads the env file (so
 * KEEL_* lines in it count), resolves settings, builds (config validated, every
 * singleton constructed). No hook runs. `keel check` shares it, so a dry run
 * fails exactly where bootstrap would.
 */
export async function prepareApplication(
  root: ModuleClass,
  options: CreateApplicationOptions,
  secrets: SecretMask,
): Promise<PreparedApplication> {
  const envFile = resolveEnvFile(options);
  // Never over the real environment: option > real env > .env > default.
  if (envFile !== undefined) loadEnv({ path: envFile });
  const settings = resolveSettings(options);
  return { app: await buildApplication(root, options, settings, { secrets }), settings };
}

/** A failed build as bootstrap writes it to stderr: the stack, or the value, with the secret config values masked. */
export function describeBuildFailure(error: unknown, secrets: SecretMask): string {
  return `${secrets.mask(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`;
}

interface Ending<T> {
  exitCode: number;
  error?: unknown;
  value?: T;
  stuck: boolean;
}

/** What live() and decide() share about the one supervised application. */
interface Supervised {
  app: Application;
  logger: Logger;
  request: StopRequest;
}

async function live<T>(supervised: Supervised, supervise: SuperviseOptions<T>): Promise<Ending<T>> {
  const { app, logger, request } = supervised;
  // The one place a stop request becomes a stop; app.stop() called elsewhere shows up through closing().
  void app.closing().then(() => request.ask('stop() called'));
  const stopped = request.asked.then(async (reason) => {
    const outcome = await app.stop(reason).then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    // Node reports an unhandled rejection only once the microtasks have drained, and a stop whose
    // hooks never wait on I/O finishes within that drain: one turn lets a rejection raised by an
    // OnStop reach the handler, and so decide(), while the handlers are still there.
    await new Promise((resolve) => setImmediate(resolve));
    return outcome;
  });
  try {
    await app.start();
  } catch (error) {
    if (!KeelError.is(error, 'START_ABORTED')) {
      logger.error('startup failed', { error });
      // A hook that timed out may still be running: only an exit ends it.
      return { exitCode: EXIT_FAILURE, error, stuck: KeelError.is(error, 'HOOK_TIMEOUT') };
    }
    // Asked to stop during startup: what started was stopped, and that stop's outcome decides.
    return decide(supervised, await stopped, error);
  }
  supervise.onRunning?.(app);
  const main = supervise.main && runMain(app, supervise.main);
  void main?.settled.then((result) => {
    // main giving up because stop aborted its signal is how it is meant to end, not a failure.
    if ('error' in result && !(app.shutdownSignal.aborted && isAbortError(result.error))) request.fail(result.error, 'main() threw');
    else if (!supervise.forever) request.ask('main() returned');
  });
  const ending = decide<T>(supervised, await stopped, undefined);
  const result = main?.result();
  if (!main) return ending;
  // Still running after the stop (the shutdown timed out waiting for it): only an exit ends it.
  if (result === undefined) return { ...ending, stuck: true };
  return 'value' in result ? { ...ending, value: result.value } : ending;
}

/** One place maps how the stop went to the exit code: the first reported failure wins over the stop's own error. */
function decide<T>({ app, logger, request }: Supervised, stop: { error: unknown } | undefined, otherwise: unknown): Ending<T> {
  if (stop) logger.error(stop.error instanceof ShutdownTimeoutError ? 'shutdown timed out' : 'stop failed', { error: stop.error });
  const failure = request.error ?? app.failure ?? stop;
  if (failure) return { exitCode: EXIT_FAILURE, error: failure.error, stuck: stop?.error instanceof ShutdownTimeoutError };
  return { exitCode: EXIT_OK, error: otherwise, stuck: false };
}

/** Runs main beside the app; stop waits for it (aiorun's shutdown_waits_for), and its outcome is readable once settled. */
function runMain<T>(app: Application, main: (app: Application) => T | Promise<T>) {
  let outcome: { value: T } | { error: unknown } | undefined;
  const settled = (async () => main(app))().then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  void app.shutdownWaitsFor(settled);
  return { settled, result: () => outcome };
}

function end<T>(outcome: ProcessOutcome<T>, app: Application | undefined, supervise: SuperviseOptions<T>): ProcessOutcome<T> {
  owner = undefined;
  process.exitCode = outcome.exitCode;
  const { exit } = supervise;
  if (exit && (supervise.exitWhen === 'always' || outcome.stuck)) {
    // run() settles first (its caller's handlers run), then the process goes.
    if (supervise.exitWhen === 'always') exit(outcome.exitCode);
    else setImmediate(() => exit(outcome.exitCode));
  }
  return app ? { ...outcome, app } : outcome;
}

/** By name: AbortSignal's reason is a DOMException, which need not be an Error of this realm. */
function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function claimProcess(root: ModuleClass): void {
  if (owner !== undefined) {
    throw new KeelError('ALREADY_BOOTSTRAPPED', `Cannot bootstrap "${tokenName(root)}": "${owner}" already runs in this process.`, {
      hint: 'one process runs one bootstrapped application; build more with createApplication(), or wait until the first has stopped.',
    });
  }
  owner = tokenName(root);
}
