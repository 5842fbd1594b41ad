import 'reflect-metadata';
import { Container } from 'inversify';
import { Application } from './application';
import type { ApplicationOptions, ResolvedApplicationOptions } from './application-options';
import type { EntrypointSettings } from './entrypoint/entrypoint-settings';
import { entrypointProviders } from './entrypoint/entrypoint-providers';
import { resolveSettings, type EntrypointOptions } from './entrypoint/resolve-settings';
import { APPLICATION, CONFIG, LOGGER } from './entrypoint/tokens';
import { secretsOf } from './config/secret-values';
import { SecretMask } from './logging/secret-mask';
import { InvalidProviderError, KeelError } from './errors';
import { buildServiceGraph } from './lifecycle/build-service-graph';
import { systemClock } from './lifecycle/clock';
import { instantiateServices } from './lifecycle/instantiate-services';
import { attachJobs } from './jobs/attach-jobs';
import { renderEvents } from './entrypoint/render-events';
import { bindServiceLoggers } from './entrypoint/bind-service-loggers';
import { attachTimelineOutputs } from './entrypoint/attach-timeline';
import { resolveTimeline } from './entrypoint/resolve-timeline';
import { bindProviders } from './module/bind-providers';
import { collectModules, type DeclaredProvider } from './module/collect-modules';
import type { ModuleClass } from './module/module-decorator';
import { normalizeProvider, syncFactory, type Provider } from './module/provider';
import { tokenName, type Token } from './module/token';

/** Options of createApplication(): the lifecycle options plus every entrypoint setting. */
export type CreateApplicationOptions = ApplicationOptions & EntrypointOptions;

/**
 * Builds an application without starting it and without touching process
 * signals: resolves settings, walks the modules, binds the Entrypoint defaults,
 * the app's providers, then overrides; checks the graph (missing providers,
 * cycles) and constructs every singleton. Rejects with a KeelError naming the
 * path on any of those failures; nothing has started then.
 */
export async function createApplication(root: ModuleClass, options: CreateApplicationOptions = {}): Promise<Application> {
  const settings = resolveSettings(options);
  return buildApplication(root, options, settings);
}

/**
 * @internal createApplication() with settings already resolved (bootstrap resolves
 * them first). `entrypoint: false` leaves out the Entrypoint module's default
 * providers (LOGGER, SIGNALS, APPLICATION as a node...), so keel's core unit tests
 * see only their own services.
 * `secrets` collects the secret config values the moment CONFIG is
 * built, before any service constructor runs; the default LOGGER masks them, and
 * the supervisor masks a build failure it prints with the same mask.
 */
export async function buildApplication(
  root: ModuleClass,
  options: ApplicationOptions,
  settings: EntrypointSettings,
  { entrypoint = true, secrets = new SecretMask() }: { entrypoint?: boolean; secrets?: SecretMask } = {},
): Promise<Application> {
  // A node like any other, so services may inject APPLICATION; resolved after `app` exists.
  let app: Application | undefined;
  const defaults: Provider[] = entrypoint
    ? [...entrypointProviders(settings, secrets), syncFactory({ provide: APPLICATION, useFactory: () => app! })]
    : [];
  const declaredDefaults = defaults.map(declaredDefault);
  const collected = collectModules(root, declaredDefaults);
  const providers = collected.providers;
  applyOverrides(providers, options.overrides ?? []);
  const container = new Container();
  // An activation, not a dependency: the graph (and `keel graph`) stays the app's own. The
  // Entrypoint's own CONFIG (the environment as it was) never holds a secret, so it goes without;
  // any other (a ConfigModule's, an override, a raw binding) is watched.
  const config = providers.get(CONFIG);
  if (config === undefined || !declaredDefaults.includes(config)) {
    container.onActivation(CONFIG, (_context, value: unknown) => {
      secrets.add(secretsOf(value));
      return value;
    });
  }
  const records = await bindProviders(container, providers.values(), {
    containerModules: collected.containerModules,
    // bindServiceLoggers constrains the LOGGER binding once the graph shows who injects it.
    constrainable: LOGGER,
  });
  const services = buildServiceGraph(container, records);
  const bindAddedServiceLoggers = bindServiceLoggers(container, services);
  app = Application.create(container, services, lifecycleOptions(options, settings), bindAddedServiceLoggers);
  // Without the Entrypoint module APPLICATION is still injectable, but not a graph node.
  if (!entrypoint && !container.isBound(APPLICATION)) container.bind(APPLICATION).toConstantValue(app);
  const timeline = resolveTimeline(options.timeline, { debug: settings.logLevel === 'debug' });
  // The recorder listens first, so its clock readings precede any other listener's work.
  if (timeline.record) app.recordTimeline();
  if (options.onEvent) app.onEvent(options.onEvent);
  await instantiateServices(container, services);
  attachJobs(app);
  const built = app;
  // LOGGER is bound exactly when it is a node (the Entrypoint's, an app's or a raw binding): no isBound() walk.
  if (services.byToken.has(LOGGER)) {
    const hookTimings = settings.logLevel === 'debug';
    built.onEvent(
      renderEvents(() => built.get(LOGGER), { hookTimings }),
      { hooks: hookTimings },
    );
  }
  attachTimelineOutputs(built, timeline, { debug: settings.logLevel === 'debug', app: root.name });
  return built;
}

// Entrypoint providers come first and give way to an app provider of the same token (collectModules).
const ENTRYPOINT_PATH: readonly string[] = ['EntrypointModule'];
function declaredDefault(raw: Provider): DeclaredProvider {
  return { provider: normalizeProvider(raw, 'EntrypointModule'), module: 'EntrypointModule', path: ENTRYPOINT_PATH };
}

function applyOverrides(providers: Map<Token, DeclaredProvider>, overrides: readonly Provider[]): void {
  for (const override of overrides) {
    const provider = normalizeProvider(override, 'overrides');
    const existing = providers.get(provider.token);
    if (!existing) {
      throw new InvalidProviderError(`Cannot override "${tokenName(provider.token)}": no module provides it.`, {
        hint: 'override a token that a module provides, or add it to a module instead.',
      });
    }
    providers.set(provider.token, { ...existing, provider });
  }
}

function lifecycleOptions(options: ApplicationOptions, settings: EntrypointSettings): ResolvedApplicationOptions {
  const concurrency = options.startConcurrency;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
    throw new KeelError('INVALID_SETTINGS', `startConcurrency must be a positive whole number, got ${String(concurrency)}.`);
  }
  return {
    startTimeout: settings.startTimeout,
    shutdownTimeout: settings.shutdownTimeout,
    startConcurrency: concurrency ?? Infinity,
    clock: options.clock ?? systemClock,
  };
}
