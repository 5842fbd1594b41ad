import { Application } from '../application';
import { THREAD_POOL } from '../entrypoint/tokens';
import type { ThreadPool } from './thread-pool';

export interface ThreadedOptions {
  /** The pool to run in. Default: THREAD_POOL of Application.current(), looked up at each call. */
  pool?: ThreadPool;
}

/**
 * Wraps export `exportName` of `module` as an async function that runs in a worker
 * thread, like aiomisc's @threaded. The pool is resolved when the function is
 * called, not when it is defined, so it can be declared at module level. A call
 * rejects with NO_APPLICATION when no application is running and no pool was given,
 * otherwise as ThreadPool.run does (POOL_CLOSED, WORKER_FAILED).
 *
 * `module` is an absolute path or file: URL; relative paths resolve against
 * process.cwd(). An extensionless path finds `.js` first, then `.ts`.
 */
export function threaded<A extends unknown[], R>(
  module: string | URL,
  exportName: string,
  options: ThreadedOptions = {},
): (...args: A) => Promise<R> {
  const { pool } = options;
  return (...args: A): Promise<R> => {
    let target: ThreadPool;
    try {
      target = pool ?? Application.current().get(THREAD_POOL);
    } catch (error) {
      return Promise.reject(error);
    }
    return target.run<R>(module, exportName, ...args);
  };
}
