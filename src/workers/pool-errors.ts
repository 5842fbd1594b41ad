import { KeelError } from '../errors';
import { deserializeError, type SerializedError } from './serialize-error';
import type { WorkerTask } from './worker-entry';

type Subject = Pick<WorkerTask, 'module' | 'exportName'>;

/** Why a task was refused or dropped without running: the pool is not open. */
export type ClosedReason = 'not-started' | 'stopping' | 'stopped' | 'queued-at-stop' | 'terminated-at-stop';

/** POOL_CLOSED: the task never ran, or was cut short by stop(). */
export function poolClosedError(task: Subject, reason: ClosedReason, closeTimeout?: number): KeelError {
  const what = describeTask(task);
  switch (reason) {
    case 'not-started':
      return new KeelError('POOL_CLOSED', `Cannot run ${what}: the worker pool has not been started.`, {
        hint: 'keel starts THREAD_POOL with the application; when using the pool directly, call start() first.',
      });
    case 'queued-at-stop':
      return new KeelError('POOL_CLOSED', `${capitalize(what)} was still queued when the worker pool stopped; it never ran.`, {
        hint: 'stop submitting work once app.shutdownSignal aborts, or await it before stopping.',
      });
    case 'terminated-at-stop':
      return new KeelError(
        'POOL_CLOSED',
        `${capitalize(what)} was terminated: it was still running ${closeTimeout} ms after the worker pool began to stop.`,
        {
          hint: 'long tasks should finish within the shutdown budget (shutdownTimeout).',
        },
      );
    default:
      return new KeelError('POOL_CLOSED', `Cannot run ${what}: the worker pool is ${reason}.`, {
        hint: 'the application is shutting down; stop submitting work once app.shutdownSignal aborts.',
      });
  }
}

/** WORKER_FAILED: the function threw (or its module failed to load); `cause` is the worker's error. */
export function taskThrewError(task: Subject, serialized: SerializedError): KeelError {
  const cause = deserializeError(serialized);
  return new KeelError('WORKER_FAILED', `${capitalize(describeTask(task))} threw ${cause.name}: ${firstLine(cause.message)}`, { cause });
}

/** WORKER_FAILED: the thread died (process.exit, uncaught error) or the data could not cross threads. */
export function workerCrashedError(task: Subject, cause: unknown): KeelError {
  // Errors from piscina and from the thread belong to Node's realm, not the caller's
  // (Jest, vm): recognise them by shape, not with instanceof.
  const { name, message } = errorShape(cause);
  if (name === 'DataCloneError') {
    return new KeelError(
      'WORKER_FAILED',
      `${capitalize(describeTask(task))} could not pass its arguments or result between threads: ${message}`,
      {
        cause,
        hint: 'arguments and results must be structured-cloneable: no functions, and class instances arrive as plain objects.',
      },
    );
  }
  // Node cannot send some errors out of a thread (a DOMException such as a result's
  // DataCloneError arrives as {}): say what it most likely was.
  const reason =
    message === undefined
      ? 'the thread died of an error that could not be sent to the main thread (often a result that is not structured-cloneable)'
      : name === undefined || name === 'Error'
        ? message
        : `${name}: ${message}`;
  return new KeelError('WORKER_FAILED', `The worker thread running ${describeTask(task)} crashed: ${reason}`, {
    cause,
    hint: 'the pool replaced the thread and keeps serving; avoid process.exit() and unhandled errors in worker code.',
  });
}

function errorShape(value: unknown): { name: string | undefined; message: string | undefined } {
  if (typeof value !== 'object' || value === null) return { name: undefined, message: value === undefined ? undefined : String(value) };
  const { name, message } = value as { name?: unknown; message?: unknown };
  return { name: typeof name === 'string' ? name : undefined, message: typeof message === 'string' ? firstLine(message) : undefined };
}

function describeTask({ module, exportName }: Subject): string {
  return `task "${exportName}" in "${module}"`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
