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
import { ApplicationStateError } from '../errors';

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

/**
 * Builds an application for a test. Overrides are applied before anything is
 * built; LOGGER defaults to a MemoryLogger and SIGNALS to ManualSignals (unless
 * overridden), and ManualSignals' `emit('SIGTERM')` stops the app like a real signal.
 */
export class TestingAppBuilder {
  readonly logger = new MemoryLogger();
  readonly signals = new ManualSignals();
  private readonly overrides = new Map<Token, Provider>();

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

  /** Builds the application (nothing started) and wires SIGNALS to a graceful stop. */
  async compile(): Promise<Application> {
    // Applied in order, the last of a token winning: the test's own overrides (options, then overrideProvider) beat the defaults.
    const overrides: Provider[] = [
      { provide: LOGGER, useValue: this.logger },
      { provide: SIGNALS, useValue: this.signals },
      ...(this.options.overrides ?? []),
      ...this.overrides.values(),
    ];
    const app = await createApplication(this.root, { ...this.options, overrides });
    const release = app.get(SIGNALS).subscribe((signal) => void app.stop(`${signal} received`).catch(() => undefined));
    void app.closing().then(release);
    return app;
  }
}

/** Starts a TestingAppBuilder for `root`; see TestingAppBuilder. */
export function createTestingApp(root: ModuleClass, options?: CreateApplicationOptions): TestingAppBuilder {
  return new TestingAppBuilder(root, options);
}
