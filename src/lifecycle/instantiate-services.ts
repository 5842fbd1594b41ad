import type { Container } from 'inversify';
import { InvalidProviderError, KeelError, describeError } from '../errors';
import { tokenName } from '../module/token';
import { getHooks, type HookPhase } from './hook-decorators';
import type { ServiceGraph } from './build-service-graph';
import type { ServiceNode, BoundHook } from './service-node';

/**
 * Constructs every singleton eagerly, so no service with hooks is ever skipped for
 * being unused, then binds each instance's hooks to its node. Nodes whose inputs
 * keel cannot see (raw toDynamicValue bindings) are built first, and are made to
 * depend on every singleton activated before they were: a conservative order that
 * can only add waiting, never start something before what it uses.
 */
export async function instantiateServices(container: Container, { graph }: ServiceGraph): Promise<void> {
  const singletons = graph.nodes.filter((n) => n.binding.scope === 'singleton');
  const isDynamic = (n: ServiceNode) => n.binding.source.kind === 'dynamic';
  const activated: ServiceNode[] = [];
  const record = (node: ServiceNode) => {
    if (!activated.includes(node)) activated.push(node);
  };
  if (singletons.some(isDynamic)) {
    for (const node of singletons) {
      container.onActivation(node.token, (_context, instance) => {
        record(node);
        return instance;
      });
    }
  }
  const order = [...singletons.filter(isDynamic), ...graph.topologicalOrder().filter((n) => n.binding.scope === 'singleton' && !isDynamic(n))];
  for (const node of order) {
    await resolveNode(container, node);
    if (isDynamic(node)) record(node);
  }
  for (const node of singletons.filter(isDynamic)) {
    for (const other of activated.slice(0, activated.indexOf(node))) graph.addEdge(node, other);
  }
  graph.assertAcyclic();
  const claimed = new Set<unknown>();
  for (const node of graph.topologicalOrder()) if (node.binding.scope === 'singleton') bindHooks(node, claimed);
}

async function resolveNode(container: Container, node: ServiceNode): Promise<void> {
  if (node.instance !== undefined) return;
  try {
    node.instance = node.binding.multiple ? await container.getAllAsync(node.token) : await container.getAsync(node.token);
  } catch (cause) {
    if (cause instanceof KeelError) throw cause;
    throw new KeelError('RESOLUTION_FAILED', `Could not create "${node.name}": ${describeError(cause)}.`, {
      cause,
      path: [...node.binding.path, node.name],
      hint: 'the constructor or factory threw; the cause has its stack.',
    });
  }
}

/** Attaches the hooks found on the node's instance(s); an instance shared by aliases runs its hooks once. */
export function bindHooks(node: ServiceNode, claimed: Set<unknown>): void {
  const instances = node.binding.multiple ? (node.instance as unknown[]) : [node.instance];
  for (const instance of instances) {
    if (instance === null || typeof instance !== 'object' || claimed.has(instance)) continue;
    const hooks = getHooks(instance.constructor);
    if (hooks.length === 0) continue;
    claimed.add(instance);
    for (const hook of hooks) {
      const method = (instance as Record<string | symbol, unknown>)[hook.method];
      const label = `${tokenName(instance.constructor)}.${String(hook.method)}`;
      if (typeof method !== 'function') {
        throw new InvalidProviderError('INVALID_PROVIDER', `Lifecycle hook "${label}" is not a method.`, {
          path: [...node.binding.path, node.name],
        });
      }
      const bound: BoundHook = { label, phase: hook.phase, timeout: hook.timeout, call: () => method.call(instance) };
      node.hooks[hook.phase satisfies HookPhase].push(bound);
    }
  }
}
