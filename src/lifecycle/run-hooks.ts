import { LifecycleHookError, describeError } from '../errors';
import type { Clock } from './clock';
import type { Deadlines } from './deadlines';
import type { HookPhase } from './hook-decorators';
import type { LifecycleListener } from './lifecycle-events';
import type { BoundHook, ServiceNode } from './service-node';

export interface HookRunContext {
  clock: Clock;
  /** Per-hook limit when the hook sets none; undefined: no per-hook limit. */
  defaultTimeout: number | undefined;
  emit: LifecycleListener;
  /** Whether anyone listens to per-hook events; when not, none is even built (thousands per start). */
  hookEvents: () => boolean;
  /** Shared by the hooks of one phase: one timer for all of them instead of one per hook. */
  deadlines: Deadlines;
  /** Hooks currently running; each is added when it begins and removed when it settles. */
  inFlight: Set<BoundHook>;
  /** Wraps each hook call (the application enters its async context here when it must). */
  invoke: (hook: BoundHook) => unknown;
}

/**
 * Runs one node's hooks of a phase, one after another in declaration order, and
 * keeps the node's status (starting/started, stopping/stopped, failed). At start
 * the first failure ends the node (its later OnStart hooks do not run); at stop
 * every OnStop runs whatever the others did, as fx runs every stop hook, and all
 * failures come back (several as one NodeHookFailures). Synchronous hooks finish
 * synchronously: no promise.
 */
export function runHooks(node: ServiceNode, phase: HookPhase, context: HookRunContext): void | Promise<void> {
  node.status = phase === 'start' ? 'starting' : 'stopping';
  if (phase === 'start') node.startDuration = 0;
  return runFrom(node, phase, 0, context, undefined);
}

/** Several OnStop hooks of one service failed; StopError lists each. */
export class NodeHookFailures {
  constructor(readonly errors: readonly unknown[]) {}
}

/** The hook errors a scheduler failure stands for: one, or each of a NodeHookFailures. */
export function hookFailures(error: unknown): readonly unknown[] {
  return error instanceof NodeHookFailures ? error.errors : [error];
}

function runFrom(
  node: ServiceNode,
  phase: HookPhase,
  index: number,
  context: HookRunContext,
  failures: unknown[] | undefined,
): void | Promise<void> {
  const hooks = node.hooks[phase];
  for (let i = index; i < hooks.length; i++) {
    let pending: Promise<void> | undefined;
    try {
      pending = runHook(node, hooks[i]!, context);
    } catch (error) {
      if (phase === 'start') throw error;
      (failures ??= []).push(error);
      continue;
    }
    if (pending !== undefined) return resumeAfter(pending, node, phase, i + 1, context, failures);
  }
  endNode(node, phase, failures);
}

// The hot path stays small (V8 compiles what runs thousands of times): the usual
// last hook of a node ends the node from its own callback instead of re-entering the loop.
function resumeAfter(
  pending: Promise<void>,
  node: ServiceNode,
  phase: HookPhase,
  next: number,
  context: HookRunContext,
  failures: unknown[] | undefined,
): Promise<void> {
  if (next === node.hooks[phase].length) {
    if (phase === 'start') return pending.then(() => endNode(node, phase, undefined));
    return pending.then(
      () => endNode(node, phase, failures),
      (error: unknown) => endNode(node, phase, [...(failures ?? []), error]),
    );
  }
  const resume = (): void | Promise<void> => runFrom(node, phase, next, context, failures);
  if (phase === 'start') return pending.then(resume);
  return pending.then(resume, (error: unknown) => {
    (failures ??= []).push(error);
    return resume();
  });
}

function endNode(node: ServiceNode, phase: HookPhase, failures: unknown[] | undefined): void {
  if (failures !== undefined) {
    node.status = 'failed';
    throw failures.length === 1 ? failures[0] : new NodeHookFailures(failures);
  }
  node.status = phase === 'start' ? 'started' : 'stopped';
}

function runHook(node: ServiceNode, hook: BoundHook, context: HookRunContext): undefined | Promise<void> {
  const events = context.hookEvents();
  const begin = context.clock.now();
  if (events) context.emit({ type: 'hook:started', phase: hook.phase, service: node.name, hook: hook.label });
  context.inFlight.add(hook);
  let result: unknown;
  try {
    result = context.invoke(hook);
  } catch (cause) {
    throw hookFailed(node, hook, context, begin, cause);
  }
  if (!isThenable(result)) {
    hookFinished(node, hook, context, begin, events);
    return undefined;
  }
  return awaitHook(node, hook, context, begin, events, result);
}

function hookFinished(node: ServiceNode, hook: BoundHook, context: HookRunContext, begin: number, events: boolean): void {
  context.inFlight.delete(hook);
  const durationMs = context.clock.now() - begin;
  if (hook.phase === 'start') node.startDuration += durationMs;
  if (events) context.emit({ type: 'hook:finished', phase: hook.phase, service: node.name, hook: hook.label, durationMs });
}

function hookFailed(node: ServiceNode, hook: BoundHook, context: HookRunContext, begin: number, cause: unknown): LifecycleHookError {
  context.inFlight.delete(hook);
  node.status = 'failed';
  const durationMs = context.clock.now() - begin;
  const { phase, label } = hook;
  // Failures are always reported: they are rare and a listener may need them.
  context.emit({ type: 'hook:failed', phase, service: node.name, hook: label, durationMs, error: cause });
  return hookError(node, hook, cause, durationMs, hook.timeout ?? context.defaultTimeout);
}

function awaitHook(
  node: ServiceNode,
  hook: BoundHook,
  context: HookRunContext,
  begin: number,
  events: boolean,
  result: PromiseLike<unknown>,
): Promise<void> {
  // Adopting it turns a then() that throws synchronously into a rejection, like any failure.
  const pending = Promise.resolve(result);
  const timeout = hook.timeout ?? context.defaultTimeout;
  if (timeout === undefined) {
    return pending.then(
      () => hookFinished(node, hook, context, begin, events),
      (cause: unknown) => {
        throw hookFailed(node, hook, context, begin, cause);
      },
    );
  }
  const { deadlines } = context;
  return new Promise<void>((resolve, reject) => {
    let expired = false;
    deadlines.watch(hook, timeout, () => {
      expired = true;
      reject(hookFailed(node, hook, context, begin, new HookTimeout(timeout)));
    });
    pending.then(
      () => {
        if (expired) return;
        deadlines.clear(hook);
        hookFinished(node, hook, context, begin, events);
        resolve();
      },
      (cause: unknown) => {
        if (expired) return;
        deadlines.clear(hook);
        reject(hookFailed(node, hook, context, begin, cause));
      },
    );
  });
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
  const what = timedOut ? `timed out after ${timeout} ms` : `failed after ${Math.round(durationMs)} ms: ${describeError(cause)}`;
  return new LifecycleHookError(`${phase === 'start' ? 'OnStart' : 'OnStop'} hook "${label}" ${what}.`, {
    hook: label,
    phase,
    code: timedOut ? 'HOOK_TIMEOUT' : 'HOOK_FAILED',
    cause,
    path: [...node.binding.path, node.name],
    hint: timedOut
      ? `raise the limit with @On${phase === 'start' ? 'Start' : 'Stop'}({ timeout }) if the work is legitimately slow.`
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

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
