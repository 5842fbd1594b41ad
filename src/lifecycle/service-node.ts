import type { BindingRecord } from '../module/bind-providers';
import { tokenName, type Token } from '../module/token';
import type { HookPhase } from './hook-decorators';

/** One hook bound to its instance. No closure per hook: `call()` is shared. */
export class BoundHook {
  private name: string | undefined;

  constructor(
    readonly phase: HookPhase,
    readonly timeout: number | undefined,
    readonly instance: object,
    private readonly key: string | symbol,
    /** Called as `method.call(instance)`; the hook runner calls it directly (see HookCalls). */
    readonly method: (this: object) => unknown,
  ) {}

  /** `Class.method`, built the first time something shows it (events, errors, graphs), not per hook at build. */
  get label(): string {
    this.name ??= `${tokenName(this.instance.constructor)}.${String(this.key)}`;
    return this.name;
  }

  call(): unknown {
    return this.method.call(this.instance);
  }
}

const NO_HOOKS = Object.freeze([]) as unknown as BoundHook[];

export type ServiceStatus = 'idle' | 'starting' | 'started' | 'stopping' | 'stopped' | 'failed';

/**
 * A node of the application graph: one token. Services without hooks are nodes
 * too, so that order passes through them.
 */
export class ServiceNode {
  instance: unknown = undefined;
  // Shared empty lists, never pushed to (bindHooks replaces them): a literal holding two new arrays is copied by the runtime.
  hooks: { start: BoundHook[]; stop: BoundHook[] } = { start: NO_HOOKS, stop: NO_HOOKS };
  status: ServiceStatus = 'idle';
  /** The hook running right now, if any (a node runs its hooks one at a time); a shutdown timeout names it. */
  runningHook: BoundHook | undefined = undefined;
  /** Milliseconds its start hooks took, summed; feeds the critical-path figure. */
  // -0, not 0: V8 then lays the field out as a double from the start, which durations are, instead of
  // changing every node's hidden class when the first fractional duration lands (-0 + x is x).
  startDuration = -0;
  /** The longest chain of start durations ending at this node, ms (set after start). */
  pathDuration = -0;

  constructor(
    readonly name: string,
    readonly binding: BindingRecord,
  ) {}

  get token(): Token {
    return this.binding.token;
  }

  hasHooks(phase: HookPhase): boolean {
    return this.hooks[phase].length > 0;
  }
}
