import type { BindingConstraints } from '@inversifyjs/core';
import type { Container } from 'inversify';
import type { ServiceGraph } from '../lifecycle/build-service-graph';
import type { BindingRecord } from '../module/bind-providers';
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
  if (!root) return;
  const injecting = [...graph.dependentsOf(root)].filter(
    (node) => node.binding.source.kind === 'class' || node.binding.source.kind === 'factory',
  );
  if (injecting.length === 0) return;
  const constrain = root.binding.constrain ?? constrainableAlias(container, root.binding);
  if (!constrain) return;
  const tokens = new Set<Token>(injecting.map((n) => n.token));
  const requester = (c: BindingConstraints) => c.getAncestor()?.serviceIdentifier;
  // Everything not listed keeps getting the root logger.
  constrain((c) => !tokens.has(requester(c) as Token));
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

/**
 * `{ provide: LOGGER, useExisting: AppLogger }` binds with toService(), which takes no
 * constraint; re-bind it as a value resolved from the same target, which does.
 */
function constrainableAlias(container: Container, binding: BindingRecord): BindingRecord['constrain'] {
  const { source } = binding;
  if (source.kind !== 'existing') return undefined;
  container.unbind(LOGGER);
  const fluent = container.bind(LOGGER).toResolvedValue((logger: Logger) => logger, [source.target as Token<Logger>]);
  return (predicate) => void fluent.when(predicate);
}
