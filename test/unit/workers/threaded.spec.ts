import 'reflect-metadata';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { Application } from '../../../src/application';
import { createApplication } from '../../../src/create-application';
import { LOGGER, SIGNALS, THREAD_POOL } from '../../../src/entrypoint/tokens';
import { OnStart } from '../../../src/lifecycle/hook-decorators';
import { Module, type ModuleClass } from '../../../src/module/module-decorator';
import { ManualSignals } from '../../../src/signals/manual-signals';
import { MemoryLogger } from '../../../src/testing/memory-logger';
import type { ThreadPool } from '../../../src/workers/thread-pool';
import { threaded } from '../../../src/workers/threaded';
import { WorkerThreadPool } from '../../../src/workers/worker-thread-pool';

const MATH = join(__dirname, '../../fixtures/workers/math.ts');
const add = threaded<[number, number], number>(MATH, 'add');
const countPrimes = threaded<[number], number>(MATH, 'countPrimes');

/** A real application with a quiet logger and manual signals, whose pool has 2 threads. */
function buildApp(root: ModuleClass): Promise<Application> {
  return createApplication(root, {
    poolSize: 2,
    shutdownTimeout: 5_000,
    overrides: [
      { provide: LOGGER, useValue: new MemoryLogger() },
      { provide: SIGNALS, useValue: new ManualSignals() },
    ],
  });
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
      providers: [{ provide: THREAD_POOL, useClass: WorkerThreadPool }, PrimeService],
    })
    class AppModule {}

    const app = await buildApp(AppModule);
    await app.start();
    Application.setProcessApplication(app);
    calls.push(`2 + 3 = ${await add(2, 3)}`);
    expect(app.get(THREAD_POOL).size).toBe(2);
    await app.stop();
    await add(1, 1).catch((error: { code: string }) => calls.push(`after stop: ${error.code}`));
    Application.clearProcessApplication(app);

    expect(calls).toEqual(['primes below 100: 25', '2 + 3 = 5', 'after stop: POOL_CLOSED']);
  });
});
