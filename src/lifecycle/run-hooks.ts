import { LifecycleHookError, describeError } from '../errors';
import type { Clock } from './clock';
import type { HookPhase } from './hook-decorators';
import type { LifecycleListener } from './lifecycle-events';
import type { BoundHook, ServiceNode } from './service-node';

export interface HookRunContext {
  clock: Clock;
  /** Per-hook limit when the hook sets none; undefined: no per-hook limit. */
  defaultTimeout: number | undefined;
  emit: LifecycleListener;
}

/**
 * Runs one node's hooks of a phase, one after another in declaration order.
 * Rejects with LifecycleHookError (HOOK_TIMEOUT when too slow) at the first failure;
 * the remaining hooks of that node do not run. Returns the time the hooks took.
 */
export async function runHooks(node: ServiceNode, phase: HookPhase, context: HookRunContext): Promise<number> {
  let total = 0;
  for (const hook of node.hooks[phase]) total += await runHook(node, hook, context);
  return total;
}

async function runHook(node: ServiceNode, hook: BoundHook, { clock, defaultTimeout, emit }: HookRunContext): Promise<number> {
  const { phase, label } = hook;
  const begin = clock.now();
  emit({ type: 'hook:started', phase, service: node.name, hook: label });
  const timeout = hook.timeout ?? defaultTimeout;
  let timer: unknown;
  try {
    const result = hook.call();
    if (isThenable(result)) {
      if (timeout === undefined) {
        await result;
      } else {
        await Promise.race([
          result,
          new Promise((_, reject) => {
            timer = clock.setTimeout(() => reject(new HookTimeout(timeout)), timeout);
          }),
        ]);
      }
    }
  } catch (cause) {
    const durationMs = clock.now() - begin;
    emit({ type: 'hook:failed', phase, service: node.name, hook: label, durationMs, error: cause });
    const timedOut = cause instanceof HookTimeout;
    const what = timedOut ? `timed out after ${timeout} ms` : `failed after ${Math.round(durationMs)} ms: ${describeError(cause)}`;
    throw new LifecycleHookError(label, phase, `${phase === 'start' ? 'OnStart' : 'OnStop'} hook "${label}" ${what}.`, {
      code: timedOut ? 'HOOK_TIMEOUT' : 'HOOK_FAILED',
      cause: timedOut ? undefined : cause,
      path: [...node.binding.path, node.name],
      hint: timedOut
        ? `raise the limit with @On${phase === 'start' ? 'Start' : 'Stop'}({ timeout }) if the work is legitimately slow.`
        : undefined,
    });
  } finally {
    if (timer !== undefined) clock.clearTimeout(timer);
  }
  const durationMs = clock.now() - begin;
  emit({ type: 'hook:finished', phase, service: node.name, hook: label, durationMs });
  return durationMs;
}

class HookTimeout extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
