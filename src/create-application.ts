import 'reflect-metadata';
import { Container } from 'inversify';
import { Application } from './application';
import {
  DEFAULT_SHUTDOWN_TIMEOUT,
  DEFAULT_START_TIMEOUT,
  type ApplicationOptions,
  type ResolvedApplicationOptions,
} from './application-options';
import { APPLICATION } from './entrypoint/tokens';
import { InvalidProviderError } from './errors';
import { buildServiceGraph } from './lifecycle/build-service-graph';
import { systemClock } from './lifecycle/clock';
import { instantiateServices } from './lifecycle/instantiate-services';
import { bindProviders } from './module/bind-providers';
import { collectModules, type DeclaredProvider } from './module/collect-modules';
import type { ModuleClass } from './module/module-decorator';
import { normalizeProvider, type Provider } from './module/provider';
import { tokenName, type Token } from './module/token';

/**
 * Builds an application without starting it and without touching process
 * signals: walks the modules, binds providers (then overrides), checks the graph
 * (missing providers, cycles) and constructs every singleton. Rejects with a
 * KeelError naming the path on any of those failures; nothing has started then.
 */
export async function createApplication(root: ModuleClass, options: ApplicationOptions = {}): Promise<Application> {
  const resolved = resolveOptions(options);
  const { providers, containerModules } = collectModules(root);
  applyOverrides(providers, options.overrides ?? []);
  const container = new Container();
  const records = await bindProviders(container, providers.values(), containerModules);
  const services = buildServiceGraph(container, records);
  const app = new Application(container, services, resolved);
  if (options.onEvent) app.onEvent(options.onEvent);
  // The application is injectable as APPLICATION unless the app provides its own.
  if (!container.isBound(APPLICATION)) container.bind(APPLICATION).toConstantValue(app);
  await instantiateServices(container, services);
  return app;
}

function applyOverrides(providers: Map<Token, DeclaredProvider>, overrides: readonly Provider[]): void {
  for (const override of overrides) {
    const provider = normalizeProvider(override, 'overrides');
    const existing = providers.get(provider.token);
    if (!existing) {
      throw new InvalidProviderError('INVALID_PROVIDER', `Cannot override "${tokenName(provider.token)}": no module provides it.`, {
        hint: 'override a token that a module provides, or add it to a module instead.',
      });
    }
    providers.set(provider.token, { ...existing, provider });
  }
}

function resolveOptions(options: ApplicationOptions): ResolvedApplicationOptions {
  const positive = (name: string, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (!(typeof value === 'number' && value > 0)) throw new TypeError(`${name} must be a positive number, got ${String(value)}`);
    return value;
  };
  return {
    startTimeout: positive('startTimeout', options.startTimeout, DEFAULT_START_TIMEOUT),
    shutdownTimeout: positive('shutdownTimeout', options.shutdownTimeout, DEFAULT_SHUTDOWN_TIMEOUT),
    startConcurrency: positive('startConcurrency', options.startConcurrency, Infinity),
    clock: options.clock ?? systemClock,
  };
}
