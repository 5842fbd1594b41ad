import type { BindingConstraints } from '@inversifyjs/core';
import type { Container } from 'inversify';
import type { ServiceGraph } from '../lifecycle/build-service-graph';
import type { ServiceNode } from '../lifecycle/service-node';
import type { BindingRecord } from '../module/bind-providers';
import type { Logger } from '../logging/logger';
import type { Token } from '../module/token';
import { LOGGER } from './tokens';

const requester = (c: BindingConstraints) => c.getAncestor()?.serviceIdentifier;

/**
 * Gives every service that injects LOGGER its own child logger carrying
 * `{ service: <its name> }`, whatever Logger is bound. The bound LOGGER stays what
 * a top-level get(LOGGER) returns; each injecting service gets a constrained
 * binding of its own, chosen by inversify from the requesting ancestor. Returns
 * the function that does the same for services added later (startServices).
 */
export function bindServiceLoggers(container: Container, services: ServiceGraph): (nodes: readonly ServiceNode[]) => void {
  const root = services.byToken.get(LOGGER);
  const fluent = root?.binding.fluent;
  const constrain = fluent
    ? (predicate: (c: BindingConstraints) => boolean) => void fluent.when(predicate)
    : root && constrainableAlias(container, root.binding);
  if (!root || !constrain) return () => undefined;
  const tokens = new Set<Token>();
  // Everything not listed keeps getting the root logger.
  constrain((c) => !tokens.has(requester(c) as Token));
  const bindFor = (nodes: readonly ServiceNode[], injectors = false) => {
    for (const node of nodes) {
      const { kind } = node.binding.source;
      if ((kind !== 'class' && kind !== 'factory') || tokens.has(node.token)) continue;
      if (!injectors && !services.graph.dependenciesOf(node).includes(root)) continue;
      tokens.add(node.token);
      container
        .bind(LOGGER)
        .toResolvedValue(() => {
          root.instance ??= container.get(LOGGER);
          return (root.instance as Logger).child({ service: node.name });
        })
        .inSingletonScope()
        .when((c) => requester(c) === node.token);
    }
  };
  // At build, the services that inject LOGGER are its dependents: no look at every other node.
  bindFor(services.graph.dependentsOf(root), true);
  return (nodes) => bindFor(nodes);
}

/**
 * `{ provide: LOGGER, useExisting: AppLogger }` binds with toService(), which takes no
 * constraint; re-bind it as a value resolved from the same target, which does.
 */
function constrainableAlias(
  container: Container,
  binding: BindingRecord,
): ((predicate: (c: BindingConstraints) => boolean) => void) | undefined {
  const { source } = binding;
  if (source.kind !== 'existing') return undefined;
  container.unbind(LOGGER);
  const fluent = container.bind(LOGGER).toResolvedValue((logger: Logger) => logger, [source.target as Token<Logger>]);
  return (predicate) => void fluent.when(predicate);
}
