import type { Container } from 'inversify';
import { InvalidProviderError, KeelError, describeError } from '../errors';
import { tokenName } from '../module/token';
import { getHooks, type HookPhase } from './hook-decorators';
import { transientWithHooks, type ServiceGraph } from './build-service-graph';
import { BoundHook, type ServiceNode } from './service-node';

/**
 * Constructs every singleton eagerly, so no service with hooks is ever skipped for
 * being unused, then binds each instance's hooks to its node. Nodes whose inputs
 * keel cannot see (raw toDynamicValue bindings) are resolved first, transient ones
 * included (once, to learn what they use), and are made to depend on every
 * singleton activated before or while they were: a conservative order that can
 * only add waiting, never start something before what it uses. A transient one
 * whose value has lifecycle hooks fails like any transient with hooks.
 */
export async function instantiateServices(container: Container, { graph }: ServiceGraph): Promise<void> {
  const dynamics: ServiceNode[] = [];
  const nodes = graph.nodes;
  for (let i = 0; i < nodes.length; i++) if (isDynamic(nodes[i]!)) dynamics.push(nodes[i]!);
  // Raw toDynamicValue bindings are rare: their handling lives apart, so that V8 does not compile it
  // with this function at every start (without the code cache) only for it to go unused.
  const activated = dynamics.length > 0 ? await resolveDynamics(container, graph, dynamics) : NO_NODES;
  // Nodes that cannot meet a promise anywhere below them resolve synchronously: no promise per service.
  const mayBeAsync = new Set<ServiceNode>();
  // Without dynamic nodes the order cannot change below, so hooks are bound in this same pass.
  const claimed = new Set<unknown>();
  const bindNow = dynamics.length === 0;
  const order = graph.topologicalOrder();
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    const { source, raw, scope } = node.binding;
    // Marked forward from each async node to its dependents (later in the order): a node
    // none of whose inputs can be async costs one lookup in a set of the few that can.
    const async =
      raw === true ||
      (source.kind === 'factory' && source.sync !== true) ||
      source.kind === 'dynamic' ||
      (mayBeAsync.size !== 0 && mayBeAsync.has(node));
    if (async) {
      const dependents = graph.dependentsOf(node);
      for (let j = 0; j < dependents.length; j++) mayBeAsync.add(dependents[j]!);
    }
    if (scope !== 'singleton') continue;
    if (!isDynamic(node) && node.instance === undefined) {
      node.instance = async ? await resolveNode(container, node) : resolveNodeSync(container, node);
    }
    if (bindNow) bindHooks(node, claimed);
  }
  if (!bindNow) orderDynamics(graph, dynamics, activated, claimed);
}

const NO_NODES: readonly ServiceNode[] = Object.freeze([]);

/**
 * Resolves the dynamic nodes first (transient ones too, once) and returns the singletons in the
 * order they were activated: the list keeps growing while the other singletons are resolved.
 */
async function resolveDynamics(
  container: Container,
  graph: ServiceGraph['graph'],
  dynamics: readonly ServiceNode[],
): Promise<ServiceNode[]> {
  const activated: ServiceNode[] = [];
  const record = (node: ServiceNode) => {
    if (!activated.includes(node)) activated.push(node);
  };
  for (const node of graph.nodes.filter((n) => n.binding.scope === 'singleton')) {
    container.onActivation(node.token, (_context, instance) => {
      // A token bound several times activates once per binding: it counts as activated after the last.
      if (node.binding.multiple && activated.includes(node)) activated.splice(activated.indexOf(node), 1);
      record(node);
      return instance;
    });
  }
  for (const node of dynamics) {
    const instance = await resolveNode(container, node);
    if (node.binding.scope === 'singleton') node.instance ??= instance;
    else assertNoHooks(node, instance);
    record(node);
  }
  return activated;
}

/** Each dynamic node depends on every singleton activated before it (see instantiateServices); then hooks are bound in the new order. */
function orderDynamics(
  graph: ServiceGraph['graph'],
  dynamics: readonly ServiceNode[],
  activated: readonly ServiceNode[],
  claimed: Set<unknown>,
): void {
  for (const node of dynamics) {
    // What depends on the node cannot be among its inputs; leaving it out keeps the graph acyclic
    // when a transient dynamic value was also created earlier, inside something that injects it.
    const upstream = dependentsClosure(graph, node);
    for (const other of activated.slice(0, activated.indexOf(node))) if (!upstream.has(other)) graph.addEdge(node, other);
  }
  // Only the conservative edges just added can have made a cycle; the static graph was checked at build.
  graph.assertAcyclic();
  for (const node of graph.topologicalOrder()) if (node.binding.scope === 'singleton') bindHooks(node, claimed);
}

function isDynamic(node: ServiceNode): boolean {
  return node.binding.source.kind === 'dynamic';
}

function resolveNodeSync(container: Container, node: ServiceNode): unknown {
  try {
    return node.binding.multiple ? container.getAll(node.token) : container.get(node.token);
  } catch (cause) {
    throw resolutionFailed(node, cause);
  }
}

async function resolveNode(container: Container, node: ServiceNode): Promise<unknown> {
  try {
    return node.binding.multiple ? await container.getAllAsync(node.token) : await container.getAsync(node.token);
  } catch (cause) {
    throw resolutionFailed(node, cause);
  }
}

function resolutionFailed(node: ServiceNode, cause: unknown): unknown {
  if (cause instanceof KeelError) return cause;
  return new KeelError('RESOLUTION_FAILED', `Could not create "${node.name}": ${describeError(cause)}.`, {
    cause,
    path: [...node.binding.path, node.name],
    hint: 'the constructor or factory threw; the cause has its stack.',
  });
}

function assertNoHooks(node: ServiceNode, value: unknown): void {
  const values = node.binding.multiple ? (value as unknown[]) : [value];
  if (!values.some((v) => v !== null && typeof v === 'object' && getHooks(v.constructor).length > 0)) return;
  throw transientWithHooks(node);
}

function dependentsClosure(graph: ServiceGraph['graph'], node: ServiceNode): Set<ServiceNode> {
  const seen = new Set<ServiceNode>([node]);
  const queue = [node];
  while (queue.length > 0) {
    for (const dependent of graph.dependentsOf(queue.pop()!)) {
      if (!seen.has(dependent)) {
        seen.add(dependent);
        queue.push(dependent);
      }
    }
  }
  return seen;
}

/** Attaches the hooks found on the node's instance(s); an instance shared by aliases runs its hooks once. */
export function bindHooks(node: ServiceNode, claimed: Set<unknown>): void {
  if (!node.binding.multiple) return bindInstanceHooks(node, node.instance, claimed);
  for (const instance of node.instance as unknown[]) bindInstanceHooks(node, instance, claimed);
}

function bindInstanceHooks(node: ServiceNode, instance: unknown, claimed: Set<unknown>): void {
  if (instance === null || typeof instance !== 'object' || claimed.has(instance)) return;
  const hooks = getHooks(instance.constructor);
  if (hooks.length === 0) return;
  claimed.add(instance);
  for (let i = 0; i < hooks.length; i++) {
    const hook = hooks[i]!;
    const method = (instance as Record<string | symbol, unknown>)[hook.method];
    if (typeof method !== 'function') {
      const label = `${tokenName(instance.constructor)}.${String(hook.method)}`;
      throw new InvalidProviderError(`Lifecycle hook "${label}" is not a method.`, { path: [...node.binding.path, node.name] });
    }
    const bound = new BoundHook(hook.phase, hook.timeout, instance, hook.method, method as (this: object) => unknown);
    const phase: HookPhase = hook.phase;
    // A first hook replaces the empty list with a literal of one: pushed to, the list would hold room for 17.
    if (node.hooks[phase].length === 0) node.hooks[phase] = [bound];
    else node.hooks[phase].push(bound);
  }
}
