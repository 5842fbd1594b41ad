import type { Application } from './application';
import { KeelError } from './errors';
import { buildApplication, type CreateApplicationOptions } from './create-application';
import { ProcessRunner } from './entrypoint/process-runner';
import { resolveSettings } from './entrypoint/resolve-settings';
import { loadEnv } from './config/load-env';
import { Module, type ModuleClass } from './module/module-decorator';

export interface BootstrapOptions extends CreateApplicationOptions {
  /**
   * true (default): bootstrap owns the process and calls process.exit(code) once
   * the app has stopped and the logs are flushed. false: it only sets process.exitCode.
   */
  exit?: boolean;
}

/**
 * The entrypoint: resolves settings, loads the env file, builds the app (config
 * is validated there, before anything starts), starts it, and stops it on
 * SIGINT/SIGTERM, app.stop() or an unhandled error; then flushes the logs and
 * exits 0 (clean), 1 (start/stop failure, unhandled error, shutdown timeout) or
 * 128+n (second signal). Resolves to the running application.
 */
export async function bootstrap(root: ModuleClass, options: BootstrapOptions = {}): Promise<Application> {
  const { app, runner } = await launch(root, options);
  const failure = await runner.start();
  // A signal during startup is a clean stop, not a failure: resolve to the (stopped) app.
  if (failure !== undefined && !isStartAborted(failure)) throw failure;
  if (failure === undefined) void runner.untilStopped();
  return app;
}

export interface RunOptions extends BootstrapOptions {
  /** The app to run main in; default: an empty module (only the Entrypoint providers). */
  module?: ModuleClass;
  /** aiorun's run_forever: after main returns, keep running until a signal. */
  forever?: boolean;
}

/**
 * Like Python's asyncio.run: bootstraps, awaits `main(app)`, stops, and resolves
 * with main's value (the process is left to end by itself). If main throws, the
 * app stops and run rejects with that error (exit code 1). With `forever`, the
 * app keeps running after main returns until a signal, as bootstrap() does.
 */
export async function run<T>(main: (app: Application) => T | Promise<T>, options: RunOptions = {}): Promise<T> {
  const { app, runner } = await launch(options.module ?? RunModule, options);
  const failure = await runner.start();
  if (failure !== undefined) throw failure;
  const stopped = runner.untilStopped();
  let value: T;
  try {
    value = await main(app);
  } catch (error) {
    // The caller gets the error; the process keeps its exit code 1 and ends by itself.
    runner.fail();
    if (app.state === 'running') runner.setExit(false);
    void app.stop('main() threw');
    await stopped;
    throw error;
  }
  if (!options.forever && app.state === 'running') {
    runner.setExit(false);
    void app.stop('main() returned');
  }
  await stopped;
  return value;
}

function isStartAborted(error: unknown): boolean {
  return error instanceof KeelError && error.code === 'START_ABORTED';
}

async function launch(root: ModuleClass, options: BootstrapOptions) {
  const exit = options.exit ?? true;
  let runner: ProcessRunner | undefined;
  try {
    const settings = resolveSettings(options);
    loadEnv({ path: settings.envFile });
    runner = new ProcessRunner({ settings, exit });
    const app = await buildApplication(root, options, settings);
    runner.attach(app);
    return { app, runner };
  } catch (error) {
    // Nothing started and there may be no logger yet: say why on stderr, then leave.
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
    if (exit) process.exit(1);
    throw error;
  }
}

@Module({})
class RunModule {}
