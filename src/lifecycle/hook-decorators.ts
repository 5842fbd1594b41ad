import { KeelError } from '../errors';

export type HookPhase = 'start' | 'stop';

export interface HookOptions {
  /** Milliseconds this hook may take before it counts as failed. */
  timeout?: number;
}

export interface HookDefinition {
  phase: HookPhase;
  method: string | symbol;
  timeout: number | undefined;
}

const ownHooks = new WeakMap<object, HookDefinition[]>();
const resolvedHooks = new WeakMap<object, readonly HookDefinition[]>();

function hookDecorator(phase: HookPhase, options: HookOptions = {}): MethodDecorator {
  if (options.timeout !== undefined && !(Number.isFinite(options.timeout) && options.timeout > 0)) {
    throw new KeelError(
      'INVALID_PROVIDER',
      `@On${phase === 'start' ? 'Start' : 'Stop'}({ timeout }) must be a positive number of ms, got ${String(options.timeout)}.`,
    );
  }
  return (target, method) => {
    const hook: HookDefinition = { phase, method, timeout: options.timeout };
    const list = ownHooks.get(target.constructor);
    // Copied to its exact size, not pushed to: a pushed-to list holds room for 17, per class, for the life of the process.
    ownHooks.set(target.constructor, list === undefined ? [hook] : list.concat([hook]));
  };
}

/**
 * Marks a method to run when the application starts, after every dependency of
 * its class has started. Several per class run in declaration order, base class first.
 */
export function OnStart(options?: HookOptions): MethodDecorator {
  return hookDecorator('start', options);
}

/**
 * Marks a method to run when the application stops, after every service that
 * depends on its class has stopped. Runs only if the service started.
 */
export function OnStop(options?: HookOptions): MethodDecorator {
  return hookDecorator('stop', options);
}

/**
 * Every hook of a class and its base classes: base first, declaration order, and
 * a method decorated at several levels of the hierarchy listed once, at its first place.
 */
export function getHooks(type: unknown): readonly HookDefinition[] {
  if (typeof type !== 'function') return [];
  // The usual class extends nothing: its own list is the answer unless it names one method twice.
  // Answered without a cache entry, which would cost more per class than the check (and a copy).
  if (Object.getPrototypeOf(type) === Function.prototype) {
    const own = ownHooks.get(type) ?? NO_HOOKS;
    if (!repeatsAMethod(own)) return own;
  }
  return resolvedHooks.get(type) ?? inheritedHooks(type);
}

/** getHooks for a class that extends another (or names a method twice): worked out once, then cached. */
function inheritedHooks(type: object): readonly HookDefinition[] {
  const chain: object[] = [];
  for (let c: object | null = type; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  const position = new Map<string, number>();
  const hooks: HookDefinition[] = [];
  for (const c of chain) {
    for (const hook of ownHooks.get(c) ?? []) {
      const key = `${hook.phase}:${String(hook.method)}`;
      const at = position.get(key);
      // A subclass re-decorating an inherited hook keeps its place but takes the newer options.
      if (at === undefined) position.set(key, hooks.push(hook) - 1);
      else hooks[at] = hook;
    }
  }
  resolvedHooks.set(type, hooks);
  return hooks;
}

const NO_HOOKS: readonly HookDefinition[] = Object.freeze([]);

function repeatsAMethod(hooks: readonly HookDefinition[]): boolean {
  for (let i = 1; i < hooks.length; i++) {
    for (let j = 0; j < i; j++) if (hooks[i]!.phase === hooks[j]!.phase && hooks[i]!.method === hooks[j]!.method) return true;
  }
  return false;
}
