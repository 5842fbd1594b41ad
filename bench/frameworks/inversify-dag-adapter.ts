import 'reflect-metadata';
import { topologicalOrder } from '../graph';
import type { FrameworkAdapter } from './framework-adapter';
import { defineInversifyClasses, resolveOnInversify } from './inversify-adapter';

/**
 * A reference, not a framework: raw inversify's bind + get (as the floor does),
 * then the least scheduler that respects the graph, one promise per service.
 * A start hook begins once its dependencies' start hooks finished, a stop hook
 * once its dependents' stop hooks finished. No timeouts, no rollback, no
 * error handling: what "ideal DAG scheduling on inversify" costs, to compare keel's own with.
 */
export const inversifyDagAdapter: FrameworkAdapter = {
  name: 'inversify-dag',
  define(spec) {
    const { graph } = spec;
    const { services, transient } = defineInversifyClasses(spec);
    const order = topologicalOrder(graph);
    const dependents: number[][] = graph.services.map(() => []);
    for (const service of graph.services) for (const dep of service.deps) dependents[dep]!.push(service.id);
    return {
      services,
      transient,
      async build() {
        const { container, instances } = resolveOnInversify(graph, services, transient);
        return {
          async start() {
            const started: Promise<void>[] = [];
            for (const id of order) {
              started[id] = Promise.all(graph.services[id]!.deps.map((dep) => started[dep])).then(() => instances[id]!.start());
            }
            await Promise.all(started);
            return {
              get: (token) => container.get(token),
              getTransient: () => container.get(transient!),
              async stop() {
                const stopped: Promise<void>[] = [];
                for (let i = order.length - 1; i >= 0; i--) {
                  const id = order[i]!;
                  stopped[id] = Promise.all(dependents[id]!.map((d) => stopped[d])).then(() => instances[id]!.stop());
                }
                await Promise.all(stopped);
              },
            };
          },
        };
      },
    };
  },
};
