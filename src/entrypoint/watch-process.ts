import { Application } from '../application';
import { KeelError } from '../errors';
import type { Logger } from '../logging/logger';
import { signalExitCode } from './exit-codes';
import type { StopRequest } from './stop-request';
import { SIGNALS } from './tokens';

export interface ForcedEnding {
  exitCode: number;
  error: KeelError;
  stuck: true;
}

export interface ProcessWatch {
  /** Resolves when a signal arrives while the app is already stopping: the process must end now. */
  forced: Promise<ForcedEnding>;
  /** Removes every listener and timer this watch added; idempotent. */
  release(): void;
}

/**
 * Ties a supervised application to the process: the first signal asks it to
 * stop, a second one forces the end (128+n); uncaught exceptions and unhandled
 * rejections are logged and, with stopOnUnhandledErrors, ask for a failing stop.
 * Keeps the event loop alive meanwhile (a service with no open handle must not
 * end the process) and makes the app Application.current().
 */
export function watchProcess(
  app: Application,
  { logger, request, stopOnUnhandledErrors }: { logger: Logger; request: StopRequest; stopOnUnhandledErrors: boolean },
): ProcessWatch {
  let force!: (ending: ForcedEnding) => void;
  const forced = new Promise<ForcedEnding>((resolve) => {
    force = resolve;
  });
  const onSignal = (signal: string): void => {
    if (request.reason === undefined) {
      request.ask(`${signal} received`);
      return;
    }
    logger.warn(`${signal} received again while stopping: exiting now`);
    const exitCode = signalExitCode(signal);
    force({
      exitCode,
      error: new KeelError('FORCED_EXIT', `${signal} received while stopping; the process ended with ${exitCode}.`),
      stuck: true,
    });
  };
  const onError = (kind: string) => (error: unknown) => {
    logger.error(`${kind}${stopOnUnhandledErrors ? ': stopping' : ' (stopOnUnhandledErrors is false: keeps running)'}`, { error });
    if (stopOnUnhandledErrors) request.fail(error, kind);
  };
  const onUncaught = onError('uncaught exception');
  const onUnhandled = onError('unhandled rejection');
  const unsubscribe = app.get(SIGNALS).subscribe(onSignal);
  const keepAlive = setInterval(() => undefined, 1 << 30);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUnhandled);
  Application.setProcessApplication(app);
  let released = false;
  return {
    forced,
    release() {
      if (released) return;
      released = true;
      unsubscribe();
      clearInterval(keepAlive);
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUnhandled);
      Application.clearProcessApplication(app);
    },
  };
}
