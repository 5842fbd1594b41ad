import type { BindingConstraints } from '@inversifyjs/core';
import type { Container } from 'inversify';
import type { ServiceGraph } from '../lifecycle/build-service-graph';
import type { Logger } from '../logging/logger';
import type { Token } from '../module/token';
import { LOGGER } from './tokens';

/**
 * Gives every service that injects LOGGER its own child logger carrying
 * `{ service: <its name> }`, whatever Logger is bound. The bound LOGGER stays what
 * a top-level get(LOGGER) returns; each injecting service gets a constrained
 * binding of its own, chosen by inversify from the requesting ancestor.
 */
export function bindServiceLoggers(container: Container, { graph, byToken }: ServiceGraph): void {
  const root = byToken.get(LOGGER);
  if (!root?.binding.constrain) return;
  const injecting = [...graph.dependentsOf(root)].filter(
    (node) => node.binding.source.kind === 'class' || node.binding.source.kind === 'factory',
  );
  if (injecting.length === 0) return;
  const tokens = new Set<Token>(injecting.map((n) => n.token));
  const requester = (c: BindingConstraints) => c.getAncestor()?.serviceIdentifier;
  // Everything not listed keeps getting the root logger.
  root.binding.constrain((c) => !tokens.has(requester(c) as Token));
  for (const node of injecting) {
    container
      .bind(LOGGER)
      .toDynamicValue(() => {
        root.instance ??= container.get(LOGGER);
        return (root.instance as Logger).child({ service: node.name });
      })
      .inSingletonScope()
      .when((c) => requester(c) === node.token);
  }
}
