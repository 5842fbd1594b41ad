import type { Container } from 'inversify';
import { ApplicationStateError } from '../errors';
import { bindProviders } from '../module/bind-providers';
import type { DeclaredProvider } from '../module/collect-modules';
import { normalizeProvider, type Provider } from '../module/provider';
import { addStaticEdges, type ServiceGraph } from './build-service-graph';
import { bindHooks } from './instantiate-services';
import { ServiceNode } from './service-node';
import { tokenName, type Token } from '../module/token';

/** A service to add at run time: a provider, or the token (class, symbol or string) of one that was started and stopped before. */
export type ServiceInput = Provider | Token;

export interface AddedServices {
  /** Every node to start: fresh ones and ones that were stopped before. */
  nodes: ServiceNode[];
  /** Unlinks and unbinds the fresh nodes, leaving the application as it was before the call. */
  remove(): void;
}

/**
 * Binds and builds services added while running, and links them into the graph.
 * Every dependency must already be running (or be added in the same call). On
 * any failure nothing stays added. Returns their nodes, ready to start.
 */
export async function addServices(
  container: Container,
  services: ServiceGraph,
  inputs: readonly ServiceInput[],
  prepare?: (nodes: readonly ServiceNode[]) => void,
): Promise<AddedServices> {
  const fresh: DeclaredProvider[] = [];
  const nodes: ServiceNode[] = [];
  for (const input of inputs) {
    // A token names a service the application already has; a provider of a known token does too.
    const existing = services.byToken.get(input as Token) ?? services.byToken.get(providedToken(input) as Token);
    if (existing) {
      if (existing.status !== 'stopped' && existing.status !== 'idle') {
        throw new ApplicationStateError(`startServices(): "${existing.name}" is already ${existing.status}.`);
      }
      nodes.push(existing);
      continue;
    }
    if (typeof input === 'symbol' || typeof input === 'string') {
      throw new ApplicationStateError(`startServices(): the application has no service "${tokenName(input)}".`, {
        hint: 'pass a provider to add a new service; a token names one that was started and stopped before.',
      });
    }
    fresh.push({ provider: normalizeProvider(input as Provider, 'startServices()'), module: 'startServices()', path: ['startServices()'] });
  }
  const records = await bindProviders(container, fresh);
  const added = records.map((record) => new ServiceNode(tokenName(record.token), record));
  for (const node of added) {
    services.byToken.set(node.token, node);
    services.graph.add(node);
  }
  const remove = () => {
    for (const node of added) {
      services.graph.remove(node);
      services.byToken.delete(node.token);
      if (container.isBound(node.token)) container.unbind(node.token);
    }
  };
  try {
    await linkAndBuild(container, services, added, [...nodes, ...added], prepare);
  } catch (error) {
    remove();
    throw error;
  }
  return { nodes: [...nodes, ...added], remove };
}

function providedToken(input: ServiceInput): Token | undefined {
  return typeof input === 'object' && input !== null && 'provide' in input ? input.provide : undefined;
}

async function linkAndBuild(
  container: Container,
  services: ServiceGraph,
  added: ServiceNode[],
  batch: ServiceNode[],
  prepare: ((nodes: readonly ServiceNode[]) => void) | undefined,
): Promise<void> {
  for (const node of added) addStaticEdges(node, { container, ...services });
  services.graph.assertAcyclic();
  prepare?.(added);
  const members = new Set(batch);
  for (const node of batch) {
    for (const dep of services.graph.dependenciesOf(node)) {
      if (!members.has(dep) && dep.status !== 'started') {
        throw new ApplicationStateError(`startServices(): "${node.name}" depends on "${dep.name}", which is ${dep.status}.`, {
          hint: 'start its dependencies first, or pass them in the same call.',
        });
      }
    }
  }
  const claimed = new Set<unknown>(services.graph.nodes.filter((n) => !added.includes(n)).map((n) => n.instance));
  for (const node of services.graph.topologicalOrder()) {
    if (!added.includes(node) || node.binding.scope !== 'singleton') continue;
    node.instance = await container.getAsync(node.token);
    bindHooks(node, claimed);
  }
}
