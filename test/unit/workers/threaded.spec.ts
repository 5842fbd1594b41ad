import 'reflect-metadata';
import { join } from 'node:path';
import { Container, inject, injectable } from 'inversify';
import { Application } from '../../../src/application';
import { SETTINGS } from '../../../src/entrypoint/entrypoint-settings';
import { THREAD_POOL } from '../../../src/entrypoint/tokens';
import { buildServiceGraph } from '../../../src/lifecycle/build-service-graph';
import { systemClock } from '../../../src/lifecycle/clock';
import { OnStart } from '../../../src/lifecycle/hook-decorators';
import { instantiateServices } from '../../../src/lifecycle/instantiate-services';
import { bindProviders } from '../../../src/module/bind-providers';
import { collectModules } from '../../../src/module/collect-modules';
import { Module, type ModuleClass } from '../../../src/module/module-decorator';
import { WorkerThreadPool, threaded, type ThreadPool } from '../../../src/workers';

const MATH = join(__dirname, '../../fixtures/workers/math.ts');
const add = threaded<[number, number], number>(MATH, 'add');
const countPrimes = threaded<[number], number>(MATH, 'countPrimes');

/** Modules -> container -> graph -> instances, without the Entrypoint defaults (as createApplication does). */
async function buildApp(root: ModuleClass): Promise<Application> {
  const { providers, containerModules } = collectModules(root);
  const container = new Container();
  const records = await bindProviders(container, providers.values(), containerModules);
  const services = buildServiceGraph(container, records);
  const app = new Application(container, services, {
    startTimeout: 15_000,
    shutdownTimeout: 5_000,
    startConcurrency: Infinity,
    clock: systemClock,
  });
  await instantiateServices(container, services);
  return app;
}

describe('threaded', () => {
  it('runs in the pool passed as an option', async () => {
    const pool = WorkerThreadPool.create({ size: 1 });
    pool.start();
    try {
      await expect(threaded<[number, number], number>(MATH, 'add', { pool })(20, 22)).resolves.toBe(42);
    } finally {
      await pool.stop();
    }
  });

  it('rejects with NO_APPLICATION when no application is running and no pool was given', async () => {
    const call = add(1, 2);
    await expect(call).rejects.toMatchObject({ code: 'NO_APPLICATION' });
  });

  it("uses the application's THREAD_POOL, resolved at call time, and the pool follows the application's lifecycle", async () => {
    const calls: string[] = [];

    @injectable()
    class PrimeService {
      // Injecting the pool orders it: the pool starts before this service's OnStart.
      constructor(@inject(THREAD_POOL) readonly pool: ThreadPool) {}
      @OnStart()
      async warmUp() {
        calls.push(`primes below 100: ${await countPrimes(100)}`);
      }
    }

    @Module({
      providers: [
        { provide: SETTINGS, useValue: { poolSize: 2, shutdownTimeout: 5_000 } },
        { provide: THREAD_POOL, useClass: WorkerThreadPool },
        PrimeService,
      ],
    })
    class AppModule {}

    const app = await buildApp(AppModule);
    await app.start();
    Application.setProcessApplication(app);
    calls.push(`2 + 3 = ${await add(2, 3)}`);
    expect(app.get<ThreadPool>(THREAD_POOL).size).toBe(2);
    await app.stop();
    await add(1, 1).catch((error: { code: string }) => calls.push(`after stop: ${error.code}`));
    Application.clearProcessApplication(app);

    expect(calls).toEqual(['primes below 100: 25', '2 + 3 = 5', 'after stop: POOL_CLOSED']);
  });
});
