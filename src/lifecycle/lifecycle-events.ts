import type { HookPhase } from './hook-decorators';

/**
 * What the lifecycle reports as it runs. The logger renders these; tests and
 * tools subscribe with `app.onEvent(listener)`. Durations are milliseconds.
 */
export type LifecycleEvent =
  | { type: 'hook:started'; phase: HookPhase; service: string; hook: string }
  | { type: 'hook:finished'; phase: HookPhase; service: string; hook: string; durationMs: number }
  | { type: 'hook:failed'; phase: HookPhase; service: string; hook: string; durationMs: number; error: unknown }
  | { type: 'app:started'; services: number; durationMs: number; criticalPathMs: number }
  | { type: 'app:stopping'; reason: string }
  | { type: 'app:stopped'; durationMs: number; failures: number };

export type LifecycleListener = (event: LifecycleEvent) => void;

/**
 * The listeners of one application. Per-hook events are thousands per start, so
 * the runner asks `wantsHookEvents` before building one; a listener subscribed
 * with `{ hooks: false }` gets only application events and failures.
 */
export class LifecycleEvents {
  private readonly listeners = new Set<LifecycleListener>();
  private hookListeners = 0;

  get wantsHookEvents(): boolean {
    return this.hookListeners > 0;
  }

  on(listener: LifecycleListener, options: { hooks?: boolean } = {}): () => void {
    const hooks = options.hooks !== false;
    const filtered: LifecycleListener = hooks
      ? listener
      : (event) => event.type !== 'hook:started' && event.type !== 'hook:finished' && listener(event);
    this.listeners.add(filtered);
    if (hooks) this.hookListeners++;
    return () => {
      if (this.listeners.delete(filtered) && hooks) this.hookListeners--;
    };
  }

  emit(event: LifecycleEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break the lifecycle it observes.
      }
    }
  }
}

/** One line for an event, for loggers that want text; `undefined` for events not worth a line. */
export function describeEvent(event: LifecycleEvent): string | undefined {
  switch (event.type) {
    case 'hook:started':
      return undefined;
    case 'hook:finished':
      return `${event.phase === 'start' ? 'OnStart' : 'OnStop'} ${event.hook} finished in ${round(event.durationMs)} ms`;
    case 'hook:failed':
      return `${event.phase === 'start' ? 'OnStart' : 'OnStop'} ${event.hook} failed after ${round(event.durationMs)} ms`;
    case 'app:started':
      return `started ${event.services} services in ${round(event.durationMs)} ms (critical path ${round(event.criticalPathMs)} ms)`;
    case 'app:stopping':
      return `stopping (${event.reason})`;
    case 'app:stopped':
      return event.failures === 0
        ? `stopped in ${round(event.durationMs)} ms`
        : `stopped in ${round(event.durationMs)} ms with ${event.failures} failure(s)`;
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
