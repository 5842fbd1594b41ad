import 'reflect-metadata';
import { Injectable, Module, Scope, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createClass, createServiceClasses } from './create-service-classes';
import type { FrameworkAdapter } from './framework-adapter';

/**
 * NestJS as a standalone application context: @Injectable() classes with
 * onModuleInit/onModuleDestroy, one @Module, createApplicationContext, close().
 * Its build and init are a single call, so build() does nothing.
 */
export const nestAdapter: FrameworkAdapter = {
  name: 'nest',
  buildsInStart: true,
  define({ graph, hooks, transientDeps }) {
    const services = createServiceClasses(graph, hooks, { start: 'onModuleInit', stop: 'onModuleDestroy' });
    for (const type of services) Reflect.decorate([Injectable()], type);
    const providers: Provider[] = graph.declarationOrder.map((id) => services[id]!);
    const transient =
      transientDeps &&
      createClass(
        'Transient',
        transientDeps.map((id) => services[id]!),
      );
    if (transient) {
      Reflect.decorate([Injectable({ scope: Scope.TRANSIENT })], transient);
      providers.push(transient);
    }
    class AppModule {}
    Reflect.decorate([Module({ providers })], AppModule);
    return {
      services,
      transient,
      async build() {
        return {
          async start() {
            // abortOnError: false makes a broken graph throw instead of aborting the process; no cost on success.
            const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
            return {
              get: (token) => app.get(token),
              getTransient: () => app.resolve(transient!),
              stop: () => app.close(),
            };
          },
        };
      },
    };
  },
};
