import type { Application } from './application';
import type { CreateApplicationOptions } from './create-application';
import { superviseProcess } from './entrypoint/supervise-process';
import { Module, type ModuleClass } from './module/module-decorator';

export interface BootstrapOptions extends CreateApplicationOptions {
  /**
   * true (default): keel owns the process and calls process.exit(code) once the
   * app has stopped and the logs are flushed. false: it only sets process.exitCode.
   */
  exit?: boolean;
}

/**
 * The entrypoint: resolves settings (after loading the env file), builds the app
 * (config is validated there, before anything starts), starts it, and stops it on
 * SIGINT/SIGTERM, app.stop() or an unhandled error; then flushes the logs and
 * exits 0 (clean), 1 (start/stop failure, unhandled error, shutdown timeout) or
 * 128+n (second signal). Resolves to the running application (to the stopped one
 * when a signal aborted startup); rejects when it cannot start, or when another
 * application already owns the process (ALREADY_BOOTSTRAPPED).
 */
export function bootstrap(root: ModuleClass, options: BootstrapOptions = {}): Promise<Application> {
  return new Promise((resolve, reject) => {
    superviseProcess(root, { options, onRunning: resolve, exit: exitOf(options), exitWhen: 'always' }).then((outcome) => {
      if (outcome.exitCode === 0 && outcome.app) resolve(outcome.app);
      else reject(outcome.error);
    }, reject);
  });
}

export interface RunOptions extends BootstrapOptions {
  /** The app to run main in; default: an empty module (only the Entrypoint providers). */
  module?: ModuleClass;
  /** aiorun's run_forever: after main returns, keep running until a signal. */
  forever?: boolean;
}

/**
 * Like Python's asyncio.run: bootstraps, awaits `main(app)`, stops, and resolves
 * with main's value once the stop was clean; the process then ends by itself.
 * A stop request while main runs aborts `app.shutdownSignal` and waits for main.
 * Rejects, after the stop has finished, with main's error, an unhandled error,
 * the stop's error or the start's; the README's run() table lists every path.
 * Only a hook or main still hanging past shutdownTimeout makes it exit (1).
 */
export async function run<T>(main: (app: Application) => T | Promise<T>, options: RunOptions = {}): Promise<T> {
  const outcome = await superviseProcess(options.module ?? RunModule, {
    options,
    main,
    forever: options.forever,
    exit: exitOf(options),
    exitWhen: 'stuck',
  });
  if (outcome.exitCode !== 0 || !('value' in outcome)) throw outcome.error;
  return outcome.value as T;
}

function exitOf(options: BootstrapOptions): ((code: number) => void) | undefined {
  return options.exit === false ? undefined : (code) => process.exit(code);
}

@Module({})
class RunModule {}
