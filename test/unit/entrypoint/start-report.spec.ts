import 'reflect-metadata';
import { injectable } from 'inversify';
import { OnStart } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { createTestingApp } from '../../../src/testing/create-testing-app';
import { VirtualClock } from '../../helpers/virtual-clock';

const clock = new VirtualClock();
const sleeping = (name: string, ms: number, deps: (new (...args: never[]) => unknown)[] = []) => {
  class Service {
    @OnStart() async start() {
      await clock.sleep(ms);
    }
  }
  Object.defineProperty(Service, 'name', { value: name });
  // What TypeScript emits for constructor(a: A, b: B), before @injectable() reads it.
  Reflect.defineMetadata('design:paramtypes', deps, Service);
  Reflect.decorate([injectable()], Service);
  return Service;
};

const Database = sleeping('Database', 40);
const Cache = sleeping('Cache', 12, [Database]);
const Metrics = sleeping('Metrics', 8);
const Api = sleeping('Api', 3, [Cache, Metrics]);
const Slow1 = sleeping('Queue', 30);
@Module({ providers: [Database, Cache, Metrics, Api, Slow1] })
class AppModule {}

describe('start report', () => {
  it('logs, at debug after the start summary, the critical path chain and the five slowest OnStart hooks', async () => {
    const testing = createTestingApp(AppModule, { logLevel: 'debug', clock });
    const app = await testing.compile();

    await clock.run(app.start());
    await clock.run(app.stop());

    const lines = testing.logger.records.map((r) => `${r.level} ${r.message}`);
    const summary = lines.findIndex((line) => line.startsWith('info started'));
    expect(lines.slice(summary, summary + 3)).toEqual([
      'info started 11 services in 55 ms (critical path 55 ms)',
      'debug critical path: Database.start 40 ms -> Cache.start 12 ms -> Api.start 3 ms (55 ms)',
      'debug slowest OnStart hooks: Database.start 40 ms, Queue.start 30 ms, Cache.start 12 ms, Metrics.start 8 ms, Api.start 3 ms',
    ]);
  });

  it('is not logged at info', async () => {
    const testing = createTestingApp(AppModule, { logLevel: 'info', clock });
    const app = await testing.compile();

    await clock.run(app.start());
    await clock.run(app.stop());

    expect(testing.logger.records.filter((r) => /critical path:|slowest/.test(r.message))).toEqual([]);
  });
});
