// Subpath imports load 5 of effect's modules instead of all ~150 behind its index (120 ms against 400 on this
// machine); module load is outside every timed number either way, it only keeps the bench's processes short.
import * as Context from 'effect/Context';
import * as Effect from 'effect/Effect';
import * as Exit from 'effect/Exit';
import * as Layer from 'effect/Layer';
import * as Scope from 'effect/Scope';
import { createServiceClasses } from './create-service-classes';
import type { FrameworkAdapter } from './framework-adapter';
import type { Hooked } from './inversify-adapter';

/** A layer of the generated graph once its dependencies are provided: it requires nothing. */
type ServiceLayer = Layer.Layer<Hooked>;

/**
 * Effect 4.1 as its users write an application: every service is a key
 * (`Context.Service`) and a `Layer.effect` that reads its dependencies' services
 * and acquires itself with `Effect.acquireRelease` (OnStart the acquire, OnStop
 * the release), with its dependencies' layers supplied by `Layer.provide`; the
 * application is `Layer.mergeAll` of every layer. Layers are memoized by
 * identity, so a layer shared by many dependents is built once, and
 * `Layer.provide([...])` / `Layer.mergeAll` build their layers concurrently:
 * each acquire begins as soon as the acquires it depends on have finished.
 * Releases run when the scope closes: a layer's release runs after all its
 * dependents released (a memoized layer is reference-counted), independent ones in parallel.
 *
 * Effect has no separate build step: constructing the layers is a description
 * (module load, done in define()), and building the layer graph in a scope
 * constructs and starts every service in one pass. So build() does nothing, like
 * NestJS's, and start() is build+start: `Layer.buildWithScope` on a fresh scope;
 * stop() closes the scope. Workloads that time build and start apart report
 * Effect's build+start as one number. No W4: Effect has no container to get()
 * from or transient scope (a built `Context` is a plain map of service values).
 */
export const effectAdapter: FrameworkAdapter = {
  name: 'effect',
  buildsInStart: true,
  define({ graph, hooks, transientDeps }) {
    if (transientDeps) throw new Error('effect has no transient services: W4 does not run it.');
    const services = createServiceClasses(graph, hooks, { start: 'start', stop: 'stop' });
    const keys = graph.services.map((service) => Context.Service<Hooked>(service.name));
    // Ids are layer-major, so a service's dependencies already have their layers here.
    const layers: ServiceLayer[] = [];
    for (const service of graph.services) {
      const type = services[service.id]!;
      const depKeys = service.deps.map((dep) => keys[dep]!);
      const make = Effect.gen(function* () {
        const deps: Hooked[] = [];
        for (const key of depKeys) deps.push(yield* key);
        const instance = new type(...deps) as Hooked;
        yield* Effect.acquireRelease(
          Effect.promise(async () => instance.start()),
          () => Effect.promise(async () => instance.stop()),
        );
        return instance;
      });
      const layer = Layer.effect(keys[service.id]!, make);
      // The graph is complete, so providing every dependency's layer leaves nothing required;
      // Effect's types cannot follow a graph built in a loop, hence the one assertion.
      layers[service.id] = (
        service.deps.length === 0 ? layer : layer.pipe(Layer.provide(nonEmpty(service.deps.map((dep) => layers[dep]!))))
      ) as ServiceLayer;
    }
    const app = Layer.mergeAll(...nonEmpty(graph.declarationOrder.map((id) => layers[id]!)));
    return {
      services,
      transient: undefined,
      async build() {
        return {
          async start() {
            const scope = Scope.makeUnsafe();
            const context = await Effect.runPromise(Layer.buildWithScope(app, scope));
            const byType = new Map(services.map((type, id) => [type, keys[id]!]));
            return {
              get: (token) => Context.get(context, byType.get(token)!),
              getTransient: () => {
                throw new Error('effect has no transient services.');
              },
              stop: () => Effect.runPromise(Scope.close(scope, Exit.void)),
            };
          },
        };
      },
    };
  },
};

function nonEmpty<T>(items: T[]): [T, ...T[]] {
  if (items.length === 0) throw new Error('expected at least one layer');
  return items as [T, ...T[]];
}
