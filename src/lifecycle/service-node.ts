import type { BindingRecord } from '../module/bind-providers';
import { tokenName, type Token } from '../module/token';
import type { Watched } from './deadlines';
import type { HookPhase } from './hook-decorators';
import type { SchedulableNode } from './lifecycle-scheduler';

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
export class ServiceNode implements Watched, SchedulableNode {
  // Fields are declared and assigned in the constructor rather than initialized as class fields: under
  // ES2022's define semantics (the root tsconfig; keel's dist sets useDefineForClassFields: false) a
  // class field is a define per field per node, which costs more than a store at thousands of nodes.
  // Written this way the node is the same whatever the setting: one constructor, one field order, one hidden class.
  declare instance: unknown;
  // Shared empty lists, never pushed to (bindHooks replaces them): a literal holding two new arrays is copied by the runtime.
  declare hooks: { start: BoundHook[]; stop: BoundHook[] };
  declare status: ServiceStatus;
  /** The hook running right now, if any (a node runs its hooks one at a time); a shutdown timeout names it. */
  declare runningHook: BoundHook | undefined;
  /** The running hook's deadline and whether it is watched (Deadlines keeps nodes, not a record per hook: a node runs one hook at a time). */
  declare deadline: number;
  declare watched: boolean;
  /** This phase's failures of the node so far (several OnStop hooks may fail); undefined when none. */
  declare hookFailures: unknown[] | undefined;
  /** Milliseconds its start hooks took, summed; feeds the critical-path figure. */
  declare startDuration: number;
  /** The longest chain of start durations ending at this node, ms (set after start). */
  declare pathDuration: number;
  declare readonly name: string;
  declare readonly binding: BindingRecord;
  /** The scheduler's scratch field: this node's position in the run it last took part in (see SchedulableNode). */
  declare slot: number;

  constructor(name: string, binding: BindingRecord) {
    this.name = name;
    this.binding = binding;
    this.instance = undefined;
    this.hooks = { start: NO_HOOKS, stop: NO_HOOKS };
    this.status = 'idle';
    this.runningHook = undefined;
    // -0, not 0: V8 then lays these fields out as doubles from the start, which times are, instead of
    // changing every node's hidden class when the first fractional value lands (-0 + x is x).
    this.deadline = -0;
    this.watched = false;
    this.hookFailures = undefined;
    this.startDuration = -0;
    this.pathDuration = -0;
    this.slot = -1;
  }

  get token(): Token {
    return this.binding.token;
  }

  hasHooks(phase: HookPhase): boolean {
    return this.hooks[phase].length > 0;
  }
}
