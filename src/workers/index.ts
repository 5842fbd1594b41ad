export type { ThreadPool } from './thread-pool';
export { WorkerThreadPool } from './worker-thread-pool';
export type { WorkerThreadPoolOptions, WorkerThreadPoolSettings } from './worker-thread-pool';
export { threaded } from './threaded';
export type { ThreadedOptions } from './threaded';
