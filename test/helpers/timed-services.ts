import 'reflect-metadata';
import { OnStart, OnStop } from '../../src/lifecycle/hook-decorators';
import { Module } from '../../src/module/module-decorator';
import type { Provider } from '../../src/module/provider';
import { buildCoreApp, type CoreAppOptions } from './build-core-app';
import type { VirtualClock } from './virtual-clock';

export interface Spec {
  deps?: string[];
  start?: number | 'throw' | 'reject' | 'hang';
  stop?: number | 'throw' | 'hang';
}

/**
 * Services by name: each is a useValue instance of its own class whose hooks take
 * `start`/`stop` ms on the virtual clock, wired to its deps with useFactory inputs.
 */
export function services(specs: Record<string, Spec>, clock: VirtualClock) {
  const calls: string[] = [];
  const providers: Provider[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    class Service {
      @OnStart() async start() {
        if (spec.start === undefined) return;
        calls.push(`${name}.start@${clock.now()}`);
        if (spec.start === 'throw') throw new Error(`${name} refused`);
        if (spec.start === 'hang') return new Promise(() => undefined);
        await clock.sleep(spec.start === 'reject' ? 5 : spec.start);
        if (spec.start === 'reject') throw new Error(`${name} rejected`);
        calls.push(`${name}.started@${clock.now()}`);
      }
      @OnStop() async stop() {
        if (spec.stop === undefined) return;
        calls.push(`${name}.stop@${clock.now()}`);
        if (spec.stop === 'throw') throw new Error(`${name} stop failed`);
        if (spec.stop === 'hang') return new Promise(() => undefined);
        await clock.sleep(spec.stop);
        calls.push(`${name}.stopped@${clock.now()}`);
      }
    }
    Object.defineProperty(Service, 'name', { value: name });
    const instance = new Service();
    providers.push({ provide: name, useFactory: () => instance, inject: spec.deps ?? [] });
  }
  @Module({ providers })
  class AppModule {}
  return { AppModule, calls, build: (options: CoreAppOptions = {}) => buildCoreApp(AppModule, { clock, ...options }) };
}
