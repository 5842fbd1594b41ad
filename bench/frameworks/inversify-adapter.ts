import 'reflect-metadata';
import { Container, injectable } from 'inversify';
import { topologicalOrder, type LayeredGraph } from '../graph';
import { createClass, createServiceClasses } from './create-service-classes';
import type { DefineSpec, FrameworkAdapter, ServiceClass } from './framework-adapter';

export interface Hooked {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/**
 * The floor: raw inversify with the work a container must do anyway. Bind and
 * resolve everything, then await start hooks one by one in a precomputed
 * topological order, and stop hooks in its reverse. No graph, no concurrency.
 */
export const inversifyAdapter: FrameworkAdapter = {
  name: 'inversify',
  define(spec) {
    const { services, transient } = defineInversifyClasses(spec);
    const order = topologicalOrder(spec.graph);
    return {
      services,
      transient,
      async build() {
        const { container, instances } = resolveOnInversify(spec.graph, services, transient);
        return {
          async start() {
            for (const id of order) await instances[id]!.start();
            return {
              get: (token) => container.get(token),
              getTransient: () => container.get(transient!),
              async stop() {
                for (let i = order.length - 1; i >= 0; i--) await instances[order[i]!]!.stop();
              },
            };
          },
        };
      },
    };
  },
};

/** The generated classes with @injectable(), and W4's transient if asked for. */
export function defineInversifyClasses({ graph, hooks, transientDeps }: DefineSpec): {
  services: ServiceClass[];
  transient: ServiceClass | undefined;
} {
  const services = createServiceClasses(graph, hooks, { start: 'start', stop: 'stop' });
  for (const type of services) Reflect.decorate([injectable()], type);
  const transient =
    transientDeps &&
    createClass(
      'Transient',
      transientDeps.map((id) => services[id]!),
    );
  if (transient) Reflect.decorate([injectable()], transient);
  return { services, transient };
}

/** Binds every class in declaration order and resolves every singleton: the container work any framework on inversify does. */
export function resolveOnInversify(
  graph: LayeredGraph,
  services: readonly ServiceClass[],
  transient: ServiceClass | undefined,
): { container: Container; instances: Hooked[] } {
  const container = new Container();
  for (const id of graph.declarationOrder) container.bind(services[id]!).toSelf().inSingletonScope();
  if (transient) container.bind(transient).toSelf().inTransientScope();
  const instances: Hooked[] = [];
  for (const id of graph.declarationOrder) instances[id] = container.get(services[id]!) as Hooked;
  return { container, instances };
}
