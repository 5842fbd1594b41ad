import { Application } from '../application';
import { KeelError, ShutdownTimeoutError } from '../errors';
import type { Logger } from '../logging/logger';
import type { EntrypointSettings } from './entrypoint-settings';
import { EXIT_FAILURE, EXIT_OK, signalExitCode } from './exit-codes';
import { flushOutput } from './flush-output';
import { LOGGER, SIGNALS } from './tokens';

/** How long a dying process waits for its logs to flush before it exits anyway. */
const FLUSH_LIMIT_MS = 5_000;

export interface ProcessRunnerOptions {
  settings: EntrypointSettings;
  /** true: call process.exit(code) when done; false: only set process.exitCode. */
  exit: boolean;
}

/**
 * Ties one application to the process: signals (first: graceful stop; second:
 * immediate exit 128+n), unhandled errors (log, then stop and exit 1, or keep
 * running), and the end of the process (remove every listener, flush the logs,
 * then exit). Never exits with unflushed logs.
 */
export class ProcessRunner {
  private app: Application | undefined;
  private logger: Logger | undefined;
  private exitCode = EXIT_OK;
  private releaseSignals: (() => void) | undefined;
  private ended = false;
  /** Keeps the event loop alive while the app runs: a service with no open handles must not end the process. */
  private keepAlive: NodeJS.Timeout | undefined;
  /** The caller's `exit`, for a second signal: run() turns `options.exit` off for the end of main, not for a forced exit. */
  private readonly exitOnSecondSignal: boolean;

  constructor(private readonly options: ProcessRunnerOptions) {
    this.exitOnSecondSignal = options.exit;
  }

  /** Subscribes to SIGNALS and to process errors for `app`, and makes it Application.current(). */
  attach(app: Application): void {
    this.app = app;
    this.logger = app.get(LOGGER);
    this.releaseSignals = app.get(SIGNALS).subscribe((signal) => this.onSignal(signal));
    this.keepAlive = setInterval(() => undefined, 1 << 30);
    process.on('uncaughtException', this.onUncaught);
    process.on('unhandledRejection', this.onUnhandled);
    Application.setProcessApplication(app);
  }

  /**
   * Starts the app. On failure logs why and ends the process (exit 1, or 0 when a
   * signal aborted startup) and returns the error; returns undefined when running.
   */
  async start(): Promise<unknown> {
    const app = this.app!;
    try {
      await app.start();
      return undefined;
    } catch (error) {
      if (error instanceof KeelError && error.code === 'START_ABORTED') {
        await this.finishStop();
        return error;
      }
      this.exitCode = EXIT_FAILURE;
      this.logger?.error('startup failed', { error });
      await this.end();
      return error;
    }
  }

  /** Whether ending calls process.exit(); run() turns it off once main has returned or thrown. */
  setExit(exit: boolean): void {
    this.options.exit = exit;
  }

  /** Resolves once the app has stopped (for any reason) and the process is wound down. */
  async untilStopped(): Promise<void> {
    await this.app!.closing();
    await this.finishStop();
  }

  /** Records a failure that should end the process with exit code 1 (run()'s main threw). */
  fail(): void {
    this.exitCode = EXIT_FAILURE;
  }

  /** Removes every listener, flushes the logs, then exits (or sets process.exitCode). */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.detach();
    await flushOutput(this.logger, FLUSH_LIMIT_MS);
    process.exitCode = this.exitCode;
    if (this.options.exit) process.exit(this.exitCode);
  }

  /** Waits for the (already requested) stop to finish and maps its outcome to the exit code. */
  async finishStop(): Promise<void> {
    try {
      await this.app!.stop();
      if (this.app!.failure) this.exitCode = EXIT_FAILURE;
    } catch (error) {
      this.exitCode = EXIT_FAILURE;
      const what = error instanceof ShutdownTimeoutError ? 'shutdown timed out' : 'stop failed';
      this.logger?.error(what, { error });
    }
    await this.end();
  }

  private detach(): void {
    this.releaseSignals?.();
    this.releaseSignals = undefined;
    clearInterval(this.keepAlive);
    process.off('uncaughtException', this.onUncaught);
    process.off('unhandledRejection', this.onUnhandled);
    if (this.app) Application.clearProcessApplication(this.app);
  }

  private onSignal(signal: string): void {
    const app = this.app!;
    if (app.state === 'stopping' || app.state === 'stopped' || app.state === 'failed' || this.ended) {
      this.logger?.warn(`${signal} received again while stopping: exiting now`);
      this.exitCode = signalExitCode(signal);
      this.ended = true;
      this.detach();
      void flushOutput(this.logger, FLUSH_LIMIT_MS).then(() => {
        process.exitCode = this.exitCode;
        // exit: false means the caller owns the process: it gets the code, never an exit.
        if (this.exitOnSecondSignal) process.exit(this.exitCode);
      });
      return;
    }
    void app.stop(`${signal} received`).catch(() => undefined);
  }

  private readonly onUncaught = (error: unknown): void => this.onError(error, 'uncaught exception');
  private readonly onUnhandled = (reason: unknown): void => this.onError(reason, 'unhandled rejection');

  private onError(error: unknown, kind: string): void {
    const stopping = this.options.settings.stopOnUnhandledErrors;
    this.logger?.error(`${kind}${stopping ? ': stopping' : ' (stopOnUnhandledErrors is false: keeps running)'}`, { error });
    if (!stopping) return;
    this.exitCode = EXIT_FAILURE;
    void this.app?.stop(kind).catch(() => undefined);
  }
}
