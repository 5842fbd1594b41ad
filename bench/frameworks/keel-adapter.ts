import 'reflect-metadata';
import { injectable } from 'inversify';
import type { Provider } from '../../src/index';
import { loadKeel } from './load-keel';
import { createClass, createServiceClasses, decorateMethod } from './create-service-classes';
import type { FrameworkAdapter } from './framework-adapter';

/** keel as a user writes it: @injectable() classes with @OnStart/@OnStop, one @Module, createApplication + start. */
export const keelAdapter: FrameworkAdapter = {
  name: 'keel',
  define({ graph, hooks, transientDeps }) {
    const keel = loadKeel();
    const services = createServiceClasses(graph, hooks, { start: 'start', stop: 'stop' });
    for (const type of services) {
      Reflect.decorate([injectable()], type);
      decorateMethod(type, 'start', keel.OnStart());
      decorateMethod(type, 'stop', keel.OnStop());
    }
    const providers: Provider[] = graph.declarationOrder.map((id) => services[id]!);
    const transient =
      transientDeps &&
      createClass(
        'Transient',
        transientDeps.map((id) => services[id]!),
      );
    if (transient) {
      Reflect.decorate([injectable()], transient);
      providers.push({ provide: transient, useClass: transient, scope: 'transient' });
    }
    class AppModule {}
    keel.Module({ providers })(AppModule);
    return {
      services,
      transient,
      async build() {
        // Quiet like NestJS's `logger: false`: the bench measures the container, not log output.
        const app = await keel.createApplication(AppModule, { logLevel: 'error' });
        return {
          app,
          async start() {
            await app.start();
            return {
              get: (token) => app.get(token),
              getTransient: () => app.get(transient!),
              stop: () => app.stop(),
            };
          },
        };
      },
    };
  },
};
