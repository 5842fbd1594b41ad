import { KeelError, LifecycleHookError, describeError } from '../errors';
import type { Clock } from './clock';
import { criticalPathTo } from './critical-path';
import type { DependencyGraph } from './dependency-graph';
import { Deadlines } from './deadlines';
import type { HookPhase } from './hook-decorators';
import type { LifecycleEvent } from './lifecycle-events';
import type { NodeReport } from './lifecycle-scheduler';
import type { BoundHook, ServiceNode } from './service-node';

/** The built-in `Promise.prototype.then`, to tell an ordinary promise from any other thenable. */
const NATIVE_THEN = Promise.prototype.then;

export interface HookRunnerOptions {
  phase: HookPhase;
  clock: Clock;
  /** Per-hook limit when the hook sets none; undefined: no per-hook limit. */
  defaultTimeout: number | undefined;
  /** Where events go; per-hook ones are built only while someone wants them (thousands per start). */
  events: { readonly wantsHookEvents: boolean; emit(event: LifecycleEvent): void };
  /** The application's side of each hook call, shared by all its runners. */
  calls: HookCalls;
  /** The graph the nodes are in: at start each node's critical-path figure is taken from its dependencies'. */
  graph: DependencyGraph<ServiceNode>;
}

/**
 * What an application gives its hook runners. The runner calls a hook's method itself
 * (not through a wrapper per call: three calls less per hook, and small functions V8
 * would otherwise spend a Turbofan compile on at every start) and goes through
 * `enter` only while `contexts.several` says a hook must run inside its own
 * application's async context (see ApplicationRegistry.enter).
 */
export interface HookCalls {
  /** Hook calls on the stack right now, counted by the runner: stop() called from inside one must not wait for itself. */
  depth: number;
  /** Read before each hook call, so a field: true while several applications are live. */
  readonly contexts: { readonly several: boolean };
  /** Calls `hook` inside its application's async context. */
  enter(hook: BoundHook): unknown;
}

/**
 * Runs the hooks of one phase, node by node as the scheduler begins them
 * (`begin` is what schedule() calls), and keeps each node's status
 * (starting/started, stopping/stopped, failed). A node's hooks run one after
 * another in declaration order. At start the first failure ends the node (its
 * later OnStart hooks do not run); at stop every OnStop runs whatever the others
 * did, as fx runs every stop hook, and all failures come back (several as one
 * NodeHookFailures). Synchronous hooks finish synchronously: no promise.
 *
 * This runs per hook, thousands of times per start, mostly as unoptimized code:
 * so it keeps what it needs in its own fields (one property load each), and what a
 * pending hook needs on its node (a node runs one hook at a time: its begin, its
 * deadline, failures so far), so an async hook costs one `then` and its two
 * callbacks, no record of its own. It reads the clock only where a figure needs it
 * (each hook's begin, for the deadline and the failure message; its end at start,
 * for startDuration). Less code per hook is also code V8 does not spend time optimizing.
 */
export class HookRunner {
  private readonly phase: HookPhase;
  private readonly start: boolean;
  private readonly clock: Clock;
  private readonly defaultTimeout: number | undefined;
  private readonly events: HookRunnerOptions['events'];
  private readonly calls: HookCalls;
  private readonly deadlines: Deadlines<ServiceNode>;
  private readonly graph: DependencyGraph<ServiceNode>;
  private report: NodeReport<ServiceNode> | undefined;
  /** At start: the longest chain of start durations through the nodes started so far, ms (the critical path, once all are). */
  longestPath = 0;

  constructor(options: HookRunnerOptions) {
    this.phase = options.phase;
    this.start = options.phase === 'start';
    this.clock = options.clock;
    this.defaultTimeout = options.defaultTimeout;
    this.events = options.events;
    this.calls = options.calls;
    this.graph = options.graph;
    this.deadlines = new Deadlines(options.clock, (node) => this.expired(node));
  }

  /** The phase is over: every node reported, so no deadline is still needed. */
  finish(): void {
    this.deadlines.dispose();
  }

  /**
   * Begins `node`'s hooks of the phase; `report` hears when the node ends. With `from`, goes on
   * with the node's hooks from that one (after one settled or failed). One function for both, and
   * a function field: the scheduler's call per node is then the only call, with no wrapper and
   * no second call into a loop of its own.
   */
  readonly begin = (node: ServiceNode, report: NodeReport<ServiceNode>, from?: number): void => {
    // The phase in a local: it is read several times per node, and each read of a field is a load
    // through an inline cache in the baseline code this mostly runs as.
    const start = this.start;
    // Named loads, not hooks[this.phase]: a keyed load by a string costs several named ones.
    const hooks = start ? node.hooks.start : node.hooks.stop;
    let i = 0;
    if (from === undefined) {
      this.report = report;
      // Hookless nodes pass through synchronously: order flows through them at no cost.
      if (hooks.length === 0) {
        node.status = start ? 'started' : 'stopped';
        if (start) this.charted(node);
        return report.completed(node);
      }
      // One store site for both phases (not an if/else): code optimized at start still fits the stop.
      node.status = start ? 'starting' : 'stopping';
      if (start) node.startDuration = 0;
    } else i = from;
    const { calls, clock } = this;
    for (; i < hooks.length; i++) {
      const hook = hooks[i]!;
      const begin = clock.now();
      const events = this.events.wantsHookEvents;
      if (events) this.events.emit({ type: 'hook:started', phase: this.phase, service: node.name, hook: hook.label });
      // The node runs one hook at a time: this field is what a shutdown timeout names as still running,
      // and what tells a hook's late settling (after its deadline) from the settling of the node's next hook.
      node.runningHook = hook;
      let result: unknown;
      calls.depth++;
      try {
        result = calls.contexts.several ? calls.enter(hook) : hook.method.call(hook.instance);
      } catch (cause) {
        calls.depth--;
        const error = this.hookFailed(node, hook, begin, cause);
        if (start) return this.endNode(node, [error]);
        (node.hookFailures ??= []).push(error);
        continue;
      }
      calls.depth--;
      // isThenable, written out: this runs per hook, where a call costs more than the check.
      if (
        result !== null &&
        (typeof result === 'object' || typeof result === 'function') &&
        typeof (result as PromiseLike<unknown>).then === 'function'
      ) {
        return this.awaitHook(node, hook, begin, events, result as PromiseLike<unknown>);
      }
      this.hookFinished(node, hook, begin, events);
    }
    this.endNode(node, node.hookFailures);
  };

  /** A method of its own: the two callbacks then share its function context, not a block context per loop pass of begin. */
  private awaitHook(node: ServiceNode, hook: BoundHook, begin: number, events: boolean, result: PromiseLike<unknown>): void {
    const timeout = hook.timeout ?? this.defaultTimeout;
    if (timeout !== undefined) this.deadlines.watch(node, begin + timeout);
    const fulfilled = () => this.settled(node, hook, begin, events, false, undefined);
    const rejected = (cause: unknown) => this.settled(node, hook, begin, events, true, cause);
    // A promise with the built-in then (what an async method returns) is subscribed to directly:
    // that then never throws and settles through the same jobs. Any other thenable is adopted first,
    // which turns a then() that throws synchronously into a rejection, like any failure.
    if (result.then === NATIVE_THEN) (result as Promise<unknown>).then(fulfilled, rejected);
    else Promise.resolve(result).then(fulfilled, rejected);
  }

  // Six parameters, not an options object: this runs per hook, and an object would be one more allocation each.
  private settled(node: ServiceNode, hook: BoundHook, begin: number, events: boolean, failed: boolean, cause: unknown): void {
    // Its deadline passed first: the hook was reported as timed out then, and its node has gone on without it.
    if (node.runningHook !== hook) return;
    if (node.watched) this.deadlines.clear(node);
    if (failed) return this.failedAt(node, hook, this.hookFailed(node, hook, begin, cause));
    // hookFinished and endNode's success path, written out: this runs once per async hook, where
    // two calls cost more than these lines.
    node.runningHook = undefined;
    const start = this.start;
    if (start || events) {
      const durationMs = this.clock.now() - begin;
      if (start) node.startDuration += durationMs;
      if (events) this.events.emit({ type: 'hook:finished', phase: this.phase, service: node.name, hook: hook.label, durationMs });
    }
    const hooks = start ? node.hooks.start : node.hooks.stop;
    // Most services have one hook per phase: then the node is done, without another pass of begin's loop.
    if (hooks.length !== 1) return this.begin(node, this.report!, hooks.indexOf(hook) + 1);
    if (node.hookFailures !== undefined) return this.endNode(node, node.hookFailures);
    node.status = start ? 'started' : 'stopped';
    if (start) {
      // criticalPathTo and charted, written out: as a small function with a loop, called per node,
      // V8 would optimize it at every start, a compile that costs more than what it saves.
      const deps = this.graph.dependenciesOf(node);
      let before = 0;
      for (let k = 0; k < deps.length; k++) {
        const path = deps[k]!.pathDuration;
        if (path > before) before = path;
      }
      const path = before + node.startDuration;
      node.pathDuration = path;
      if (path > this.longestPath) this.longestPath = path;
    }
    this.report!.completed(node);
  }

  private expired(node: ServiceNode): void {
    const hook = node.runningHook!;
    const timeout = hook.timeout ?? this.defaultTimeout!;
    // The deadline was watched as begin + timeout: the node keeps no begin of its own (one field less per node).
    this.failedAt(node, hook, this.hookFailed(node, hook, node.deadline - timeout, new HookTimeout(timeout)));
  }

  /** A pending hook failed: at start that ends its node; at stop its node's later hooks still run. */
  private failedAt(node: ServiceNode, hook: BoundHook, error: LifecycleHookError): void {
    if (this.start) return this.endNode(node, [error]);
    (node.hookFailures ??= []).push(error);
    const hooks = node.hooks.stop;
    this.begin(node, this.report!, hooks.indexOf(hook) + 1);
  }

  private endNode(node: ServiceNode, failures: unknown[] | undefined): void {
    if (failures !== undefined) {
      node.hookFailures = undefined;
      node.status = 'failed';
      return this.report!.failed(node, failures.length === 1 ? failures[0] : new NodeHookFailures(failures));
    }
    node.status = this.start ? 'started' : 'stopped';
    if (this.start) this.charted(node);
    this.report!.completed(node);
  }

  /** `node` has started: its critical-path figure, and the phase's longest so far. */
  private charted(node: ServiceNode): void {
    const path = criticalPathTo(this.graph, node);
    if (path > this.longestPath) this.longestPath = path;
  }

  private hookFinished(node: ServiceNode, hook: BoundHook, begin: number, events: boolean): void {
    node.runningHook = undefined;
    // Only start durations are kept (the critical path); at stop the clock is read only for an event.
    if (!this.start && !events) return;
    const durationMs = this.clock.now() - begin;
    if (this.start) node.startDuration += durationMs;
    if (events) this.events.emit({ type: 'hook:finished', phase: this.phase, service: node.name, hook: hook.label, durationMs });
  }

  private hookFailed(node: ServiceNode, hook: BoundHook, begin: number, cause: unknown): LifecycleHookError {
    node.runningHook = undefined;
    node.status = 'failed';
    const durationMs = this.clock.now() - begin;
    const { phase, label } = hook;
    // Failures are always reported: they are rare and a listener may need them.
    this.events.emit({ type: 'hook:failed', phase, service: node.name, hook: label, durationMs, error: cause });
    return hookError(node, hook, cause, durationMs, hook.timeout ?? this.defaultTimeout);
  }
}

/** Several OnStop hooks of one service failed; StopError lists each. */
export class NodeHookFailures {
  constructor(readonly errors: readonly unknown[]) {}
}

/** The hook errors a scheduler failure stands for: one, or each of a NodeHookFailures. */
export function hookFailures(error: unknown): readonly unknown[] {
  return error instanceof NodeHookFailures ? error.errors : [error];
}

function hookError(
  node: ServiceNode,
  hook: BoundHook,
  cause: unknown,
  durationMs: number,
  timeout: number | undefined,
): LifecycleHookError {
  const { phase, label } = hook;
  const timedOut = cause instanceof HookTimeout;
  // The summary ends with one period, whether or not the cause's message has its own.
  const what = timedOut
    ? `timed out after ${timeout} ms`
    : `failed after ${Math.round(durationMs)} ms: ${describeError(cause).replace(/\.$/, '')}`;
  return new LifecycleHookError(`${phase === 'start' ? 'OnStart' : 'OnStop'} hook "${label}" ${what}.`, {
    hook: label,
    phase,
    code: timedOut ? 'HOOK_TIMEOUT' : 'HOOK_FAILED',
    cause,
    path: [...node.binding.path, node.name],
    // A keel error thrown inside the hook knows best what to do about it (e.g. a stop the hook waited on).
    hint: timedOut
      ? `raise the limit with @On${phase === 'start' ? 'Start' : 'Stop'}({ timeout }) if the work is legitimately slow.`
      : KeelError.is(cause)
        ? cause.hint
        : undefined,
  });
}

/** Whether a hook:failed event's error is a timeout (what the timeline draws apart from failures). */
export function isHookTimeout(error: unknown): boolean {
  return error instanceof HookTimeout;
}

/** The cause of a HOOK_TIMEOUT: the hook's promise was still pending when its time ran out. */
export class HookTimeout extends Error {
  constructor(readonly ms: number) {
    super(`still pending after ${ms} ms`);
    this.name = 'HookTimeout';
  }
}
