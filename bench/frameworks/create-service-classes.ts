import 'reflect-metadata';
import type { LayeredGraph } from '../graph';
import type { HookBody, ServiceClass } from './framework-adapter';

export interface HookMethodNames {
  start: string;
  stop: string;
}

/**
 * Creates one named class per service, with the constructor parameter types
 * TypeScript's emitDecoratorMetadata would record ('design:paramtypes'), and
 * start/stop methods under the names the framework calls. Decorating them is
 * the adapter's job, so each framework sees classes written for it.
 */
export function createServiceClasses(graph: LayeredGraph, hooks: HookBody, methods: HookMethodNames): ServiceClass[] {
  const classes: ServiceClass[] = [];
  for (const service of graph.services) {
    const id = service.id;
    const type = createClass(
      service.name,
      service.deps.map((dep) => classes[dep]!),
    );
    defineMethod(type, methods.start, function start() {
      return hooks(id, 'start');
    });
    defineMethod(type, methods.stop, function stop() {
      return hooks(id, 'stop');
    });
    classes.push(type);
  }
  return classes;
}

/** A hookless class named `name` whose constructor takes instances of `deps`. */
export function createClass(name: string, deps: readonly ServiceClass[]): ServiceClass {
  const type = {
    [name]: class {
      readonly deps: unknown[];
      constructor(...deps: unknown[]) {
        this.deps = deps;
      }
    },
  }[name]!;
  Reflect.defineMetadata('design:paramtypes', deps, type);
  return type;
}

function defineMethod(type: ServiceClass, name: string, body: () => unknown): void {
  Object.defineProperty(type.prototype, name, { value: body, writable: true, configurable: true, enumerable: false });
}

/** Applies a method decorator the way TypeScript's emitted __decorate does. */
export function decorateMethod(type: ServiceClass, name: string, decorator: MethodDecorator): void {
  const prototype = type.prototype as object;
  const descriptor = Reflect.decorate([decorator], prototype, name, Object.getOwnPropertyDescriptor(prototype, name));
  if (descriptor) Object.defineProperty(prototype, name, descriptor);
}
