import 'reflect-metadata';
import type { Application } from '../../src/application';
import { buildApplication } from '../../src/create-application';
import { resolveSettings } from '../../src/entrypoint/resolve-settings';
import type { Clock } from '../../src/lifecycle/clock';
import type { LifecycleListener } from '../../src/lifecycle/lifecycle-events';
import type { ModuleClass } from '../../src/module/module-decorator';

export interface CoreAppOptions {
  clock?: Clock;
  startTimeout?: number;
  shutdownTimeout?: number;
  startConcurrency?: number;
  onEvent?: LifecycleListener;
}

/**
 * createApplication()'s own pipeline without the Entrypoint module's default
 * providers (LOGGER, SIGNALS, THREAD_POOL...), so core unit tests see only their own
 * services. Settings ignore the real KEEL_* environment.
 */
export async function buildCoreApp(root: ModuleClass, options: CoreAppOptions = {}): Promise<Application> {
  const { startTimeout, shutdownTimeout, ...lifecycle } = options;
  const settings = resolveSettings({ startTimeout, shutdownTimeout }, {});
  return buildApplication(root, lifecycle, settings, { entrypoint: false });
}
