import type { Newable } from 'inversify';
import type { Application } from '../application';
import { createApplication, type CreateApplicationOptions } from '../create-application';
import { LOGGER, SIGNALS } from '../entrypoint/tokens';
import type { ModuleClass } from '../module/module-decorator';
import type { FactoryInput, Provider } from '../module/provider';
import type { InjectionToken, Token } from '../module/token';
import { ManualSignals } from '../signals/manual-signals';
import { MemoryLogger } from './memory-logger';
import { FakeClock } from './fake-clock';
import { ApplicationStateError, KeelError } from '../errors';
import { configOverride } from './config-override';
import { checkLeaksAfterStop, LeakDetector, type LeakDetectionOptions } from './leak-detector';
import { replaceModules, type ModuleImport } from './replace-modules';

/**
 * The three ways to replace a provider, as in @nestjs/testing. For a typed token
 * (`InjectionToken<T>`) the replacement must be a `T`; for a class token or an
 * untyped symbol or string, anything goes (test doubles are often partial).
 */
export interface OverrideBy<T = unknown> {
  useValue(value: T): TestingAppBuilder;
  useClass(type: Newable<T>): TestingAppBuilder;
  useFactory(factory: (...inputs: never[]) => T | Promise<T>, inject?: readonly FactoryInput[]): TestingAppBuilder;
}

/** Replaces a module wherever the application imports it. */
export interface OverrideModuleBy {
  useModule(replacement: ModuleImport): TestingAppBuilder;
}

/** Options of TestingAppBuilder.compile(). */
export interface CompileOptions {
  /**
   * Records what the application creates from now until it has stopped: timers,
   * sockets, servers, worker threads, child processes and listeners on `process`
   * (async_hooks, enabled only while detecting). `app.stop()` then rejects with
   * LeakError ('LEAKED_RESOURCES') listing what is still alive, each named with
   * the hook that created it. See also expectNoLeaks().
   */
  detectLeaks?: boolean | LeakDetectionOptions;
}

/**
 * Builds an application for a test. Overrides are applied before anything is
 * built; LOGGER defaults to a MemoryLogger and SIGNALS to ManualSignals (unless
 * overridden), and ManualSignals' `emit('SIGTERM')` stops the app like a real signal.
 */
export class TestingAppBuilder {
  readonly logger = new MemoryLogger();
  readonly signals = new ManualSignals();
  private readonly overrides = new Map<Token, Provider>();
  private readonly moduleOverrides = new Map<ModuleImport, ModuleImport>();
  private configValues: Record<string, unknown> | undefined;
  private leakDetector: LeakDetector | undefined;
  private compiled: Application | undefined;

  constructor(
    private readonly root: ModuleClass,
    private readonly options: CreateApplicationOptions = {},
  ) {}

  overrideProvider<T>(token: InjectionToken<T>): OverrideBy<T>;
  overrideProvider(token: Token): OverrideBy;
  overrideProvider(token: Token): OverrideBy {
    const set = (provider: Provider) => {
      this.overrides.set(token, provider);
      return this;
    };
    return {
      useValue: (value) => set({ provide: token, useValue: value }),
      useClass: (type) => set({ provide: token, useClass: type }),
      useFactory: (factory, inject) => set({ provide: token, useFactory: factory, inject }),
    };
  }

  /** The FakeClock passed as `options.clock` (`createTestingApp(M, { clock: new FakeClock() })`), to drive jobs and timeouts. */
  get clock(): FakeClock {
    if (this.options.clock instanceof FakeClock) return this.options.clock;
    throw new ApplicationStateError('testing.clock: no FakeClock was given.', {
      hint: 'pass one: createTestingApp(AppModule, { clock: new FakeClock() }).',
    });
  }

  /**
   * Uses `replacement` (a module class or a ContainerModule) wherever the app
   * imports `module`, before anything is built; `module`'s providers are gone.
   * compile() fails with INVALID_MODULE when the app never imports `module`.
   */
  overrideModule(module: ModuleImport): OverrideModuleBy {
    return {
      useModule: (replacement) => {
        this.moduleOverrides.set(module, replacement);
        return this;
      },
    };
  }

  /**
   * Replaces configuration values instead of setting process.env: CONFIG is what
   * the app's ConfigModule loads, with these keys set to these values (already
   * typed: `{ PORT: 0 }`). Pass the config type to check the keys:
   * `overrideConfig<HelloConfig>({ PORT: 0 })`. Several calls merge, the last winning.
   */
  overrideConfig<C extends object = Record<string, unknown>>(values: Partial<C>): this {
    this.configValues = { ...this.configValues, ...values };
    return this;
  }

  /**
   * After the application stopped (awaiting a stop in progress), throws LeakError
   * listing what it left behind. Needs compile({ detectLeaks: true }); the check
   * runs once, so after a stop that already checked it passes or throws the same.
   */
  async expectNoLeaks(): Promise<void> {
    const app = this.compiled;
    if (!this.leakDetector || !app) {
      throw new KeelError('INVALID_STATE', 'expectNoLeaks() needs an application compiled with compile({ detectLeaks: true }).');
    }
    if (app.state === 'starting' || app.state === 'running') {
      throw new KeelError('INVALID_STATE', `expectNoLeaks() needs a stopped application; it is ${app.state}.`, {
        hint: 'await app.stop() (or emit a signal and await app.closing()) first.',
      });
    }
    await app.stop();
  }

  /** Builds the application (nothing started) and wires SIGNALS to a graceful stop. */
  async compile(compileOptions: CompileOptions = {}): Promise<Application> {
    const { detectLeaks } = compileOptions;
    // Started before anything is built, so constructors and factories are watched too.
    const detector = detectLeaks ? new LeakDetector(detectLeaks === true ? {} : detectLeaks) : undefined;
    try {
      const app = await (detector ? detector.building(() => this.build()) : this.build());
      if (detector) {
        detector.watch(app);
        checkLeaksAfterStop(app, detector);
      }
      this.leakDetector = detector;
      this.compiled = app;
      return app;
    } catch (error) {
      detector?.dispose();
      throw error;
    }
  }

  private async build(): Promise<Application> {
    const root = replaceModules(this.root, this.moduleOverrides);
    // Applied in order, the last of a token winning: the test's own overrides (options, then overrideProvider) beat the defaults.
    const overrides: Provider[] = [
      { provide: LOGGER, useValue: this.logger },
      { provide: SIGNALS, useValue: this.signals },
      ...(this.configValues ? [configOverride(root, this.configValues)] : []),
      ...(this.options.overrides ?? []),
      ...this.overrides.values(),
    ];
    const app = await createApplication(root, { ...this.options, overrides });
    const release = app.get(SIGNALS).subscribe((signal) => void app.stop(`${signal} received`).catch(() => undefined));
    void app.closing().then(release);
    return app;
  }
}

/** Starts a TestingAppBuilder for `root`; see TestingAppBuilder. */
export function createTestingApp(root: ModuleClass, options?: CreateApplicationOptions): TestingAppBuilder {
  return new TestingAppBuilder(root, options);
}
