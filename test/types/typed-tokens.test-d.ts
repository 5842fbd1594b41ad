// Compiled by `npm run typecheck` (never run): every @ts-expect-error line must be a
// compile error, and every other line must compile. An unused @ts-expect-error fails too.
import 'reflect-metadata';
import { injectable } from 'inversify';
import {
  APPLICATION,
  CONFIG,
  LOGGER,
  Module,
  SIGNALS,
  THREAD_POOL,
  configSchema,
  createToken,
  type Application,
  type InferConfig,
  type Provider,
  type InjectionToken,
  type Logger,
  type SignalSource,
  type ThreadPool,
} from '../../src';
import { MemoryLogger, createTestingApp } from '../../src/testing';

declare const app: Application;
declare const logger: Logger;

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
/** `exactly<T>()(value)` compiles only when `value`'s type is exactly T (not a subtype, not any). */
const exactly =
  <Expected>() =>
  <Actual>(_value: Actual, ..._differs: Equal<Actual, Expected> extends true ? [] : ['the type differs']): void =>
    undefined;

// app.get / getAsync take the type from the token.
exactly<Logger>()(app.get(LOGGER));
exactly<ThreadPool>()(app.get(THREAD_POOL));
exactly<SignalSource>()(app.get(SIGNALS));
exactly<Application>()(app.get(APPLICATION));
exactly<Readonly<Record<string, unknown>>>()(app.get(CONFIG));
exactly<Promise<Logger>>()(app.getAsync(LOGGER));
// @ts-expect-error the proof itself fails on a wrong type
exactly<string>()(app.get(LOGGER));

// A user's own typed token.
interface Clock {
  now(): number;
}
const CLOCK: InjectionToken<Clock> = createToken<Clock>('Clock');
exactly<Clock>()(app.get(CLOCK));
// Untyped tokens still work, with the type given explicitly or as unknown.
exactly<number>()(app.get<number>('answer'));
exactly<unknown>()(app.get(Symbol('untyped')));

@injectable()
class SystemClock implements Clock {
  now(): number {
    return 0;
  }
}
@injectable()
class NotAClock {
  hour = 1;
}

// Providers whose value matches the token compile...
@Module({
  providers: [
    SystemClock,
    { provide: LOGGER, useValue: new MemoryLogger() },
    { provide: LOGGER, useFactory: () => logger },
    { provide: LOGGER, useFactory: async () => logger, inject: [CONFIG] },
    { provide: CLOCK, useClass: SystemClock },
    { provide: CLOCK, useValue: { now: () => 1 } },
    { provide: CLOCK, useExisting: createToken<SystemClock>('other clock') },
    { provide: Symbol('untyped'), useValue: 42 },
    { provide: 'untyped', useFactory: () => 'anything' },
  ],
})
export class GoodModule {}

// ...and a mismatch does not.
@Module({
  providers: [
    // @ts-expect-error useValue is not a Logger
    { provide: LOGGER, useValue: 42 },
  ],
})
export class BadValueModule {}

@Module({
  providers: [
    // @ts-expect-error the factory does not return a Clock
    { provide: CLOCK, useFactory: () => 'noon' },
  ],
})
export class BadFactoryModule {}

@Module({
  providers: [
    // @ts-expect-error an async factory whose result is not a SignalSource
    { provide: SIGNALS, useFactory: async () => ({ on: () => undefined }) },
  ],
})
export class BadAsyncFactoryModule {}

@Module({
  providers: [
    // @ts-expect-error NotAClock does not implement Clock
    { provide: CLOCK, useClass: NotAClock },
  ],
})
export class BadClassModule {}

@Module({
  providers: [
    SystemClock,
    // @ts-expect-error the existing token's type is not a Clock
    { provide: CLOCK, useExisting: createToken<string>('a string') },
  ],
})
export class BadExistingModule {}

// overrideProvider(token) takes the token's type too.
const builder = createTestingApp(GoodModule);
builder.overrideProvider(LOGGER).useValue(new MemoryLogger());
builder.overrideProvider(CLOCK).useFactory(() => ({ now: () => 2 }));
builder.overrideProvider(CLOCK).useClass(SystemClock);
builder.overrideProvider(SystemClock).useValue({ now: () => 3 });
// @ts-expect-error 42 is not a Logger
builder.overrideProvider(LOGGER).useValue(42);
// @ts-expect-error the factory does not return a Clock
builder.overrideProvider(CLOCK).useFactory(() => 'noon');
// @ts-expect-error NotAClock does not implement Clock
builder.overrideProvider(CLOCK).useClass(NotAClock);

// A provider list built elsewhere (typed Provider[]) is accepted as it is.
const providers: Provider[] = [{ provide: LOGGER, useValue: logger }, SystemClock];
@Module({ providers })
export class ListModule {}
// CONFIG is narrowed to the schema's output by the caller.
export const schema = { PORT: configSchema.integer() };
exactly<InferConfig<typeof schema>>()(app.get<InferConfig<typeof schema>>(CONFIG));
