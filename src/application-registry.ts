import { AsyncLocalStorage } from 'node:async_hooks';
import { KeelError } from './errors';

/**
 * Which application is "current" (Application.current()): the one whose hook is
 * running in this async context, else the one bootstrapped in this process, else
 * the only live one. Generic over the application type to stay free of imports.
 */
export class ApplicationRegistry<App> {
  private readonly context = new AsyncLocalStorage<App>();
  private bootstrapped: App | undefined;
  /** Applications between start() and the end of their stop. */
  private readonly live = new Set<App>();
  /** Whether several applications are live: a field, since hook runners read it before every hook call. */
  several = false;

  current(): App {
    const app = this.context.getStore() ?? this.bootstrapped ?? (this.live.size === 1 ? this.live.values().next().value : undefined);
    if (app !== undefined) return app;
    const several = this.live.size > 1;
    throw new KeelError(
      'NO_APPLICATION',
      several
        ? `${this.live.size} keel applications are running in this process; none is current here.`
        : 'No keel application is running in this process.',
      {
        hint: several
          ? "call it from a hook (hooks run in their application's context), or pass what you need explicitly."
          : 'call bootstrap(AppModule) first.',
      },
    );
  }

  setBootstrapped(app: App): void {
    this.bootstrapped = app;
  }

  /** Forgets `app` as the bootstrapped one, unless another has taken its place. */
  clearBootstrapped(app: App): void {
    if (this.bootstrapped === app) this.bootstrapped = undefined;
  }

  markLive(app: App): void {
    this.live.add(app);
    this.several = this.live.size > 1;
  }

  markDone(app: App): void {
    this.live.delete(app);
    this.several = this.live.size > 1;
  }

  /** Whether this async context is inside one of `app`'s hooks (known only while several apps are live). */
  isEntered(app: App): boolean {
    return this.context.getStore() === app;
  }

  /**
   * Calls `target.call()` as `app`. With one live application current() needs no async
   * context, so none is entered: AsyncLocalStorage puts a hook on every promise on
   * Node 20, which a start of thousands of hooks would pay for.
   */
  enter<T>(app: App, target: { call(): T }): T {
    return this.several ? this.context.run(app, () => target.call()) : target.call();
  }
}
