import 'reflect-metadata';
import { Container } from 'inversify';
import { Application } from '../../src/application';
import { APPLICATION } from '../../src/entrypoint/tokens';
import { buildServiceGraph } from '../../src/lifecycle/build-service-graph';
import { systemClock, type Clock } from '../../src/lifecycle/clock';
import { instantiateServices } from '../../src/lifecycle/instantiate-services';
import type { LifecycleListener } from '../../src/lifecycle/lifecycle-events';
import { bindProviders } from '../../src/module/bind-providers';
import { collectModules } from '../../src/module/collect-modules';
import type { ModuleClass } from '../../src/module/module-decorator';

export interface CoreAppOptions {
  clock?: Clock;
  startTimeout?: number;
  shutdownTimeout?: number;
  startConcurrency?: number;
  onEvent?: LifecycleListener;
}

/**
 * The core of createApplication() (modules -> container -> graph -> instances) without
 * the Entrypoint module's default providers, so core unit tests see only their own
 * services. Same order of steps as createApplication.
 */
export async function buildCoreApp(root: ModuleClass, options: CoreAppOptions = {}): Promise<Application> {
  const { providers, containerModules } = collectModules(root);
  const container = new Container();
  const records = await bindProviders(container, providers.values(), containerModules);
  const services = buildServiceGraph(container, records);
  const app = new Application(container, services, {
    startTimeout: options.startTimeout ?? 15_000,
    shutdownTimeout: options.shutdownTimeout ?? 25_000,
    startConcurrency: options.startConcurrency ?? Infinity,
    clock: options.clock ?? systemClock,
  });
  if (options.onEvent) app.onEvent(options.onEvent);
  if (!container.isBound(APPLICATION)) container.bind(APPLICATION).toConstantValue(app);
  await instantiateServices(container, services);
  return app;
}
