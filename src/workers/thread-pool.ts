/**
 * Runs functions in worker threads (the THREAD_POOL token). `run` loads `module`
 * (a path or file: URL of a JS module, or a TS one under a TS loader) in a worker and
 * calls its export `exportName` with `args`, which must be structured-cloneable.
 */
export interface ThreadPool {
  run<T = unknown>(module: string | URL, exportName: string, ...args: unknown[]): Promise<T>;
  /** Number of worker threads. */
  readonly size: number;
}
