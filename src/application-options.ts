import type { Clock } from './lifecycle/clock';
import type { LifecycleListener } from './lifecycle/lifecycle-events';
import type { Provider } from './module/provider';

/** Lifecycle options of createApplication() besides the entrypoint settings (startTimeout, shutdownTimeout...). */
export interface ApplicationOptions {
  /** At most this many services start (or stop) at once. Default: unlimited. */
  startConcurrency?: number;
  /** Providers that replace the providers of the same token, applied before anything is built. */
  overrides?: readonly Provider[];
  /** Receives every lifecycle event. */
  onEvent?: LifecycleListener;
  /** Time source for durations and timeouts; tests pass a virtual clock. */
  clock?: Clock;
  /**
   * Records every hook run for app.timeline(). A path also writes, after stop, an
   * HTML Gantt chart there, the timings `keel plan --timings` reads and a Chrome
   * trace next to it. Default: KEEL_TIMELINE (a path), else off.
   */
  timeline?: boolean | string;
}

export interface ResolvedApplicationOptions {
  startTimeout: number;
  shutdownTimeout: number;
  startConcurrency: number;
  clock: Clock;
}

export const DEFAULT_START_TIMEOUT = 15_000;
export const DEFAULT_SHUTDOWN_TIMEOUT = 25_000;
