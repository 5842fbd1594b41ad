import 'reflect-metadata';
import { createHook } from 'node:async_hooks';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { EntrypointSettings } from '../../../src/entrypoint/entrypoint-settings';
import { LazyThreadPool } from '../../../src/entrypoint/lazy-thread-pool';
import { resolveSettings } from '../../../src/entrypoint/resolve-settings';
import { THREAD_POOL } from '../../../src/entrypoint/tokens';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { createTestingApp } from '../../../src/testing/create-testing-app';
import { MemoryLogger } from '../../../src/testing/memory-logger';
import type { ThreadPool } from '../../../src/workers/thread-pool';

const fixtures = join(__dirname, '../../fixtures/workers');
const MATH = join(fixtures, 'math.ts');
const GATE = join(fixtures, 'gate.ts');

/** Worker threads created while the hook is enabled (piscina unrefs idle ones, so getActiveResourcesInfo misses them). */
function trackWorkerThreads() {
  let spawned = 0;
  const live = new Set<number>();
  const hook = createHook({
    init: (id, type) => {
      if (type !== 'WORKER') return;
      spawned += 1;
      live.add(id);
    },
    destroy: (id) => {
      live.delete(id);
    },
  }).enable();
  return {
    get spawned() {
      return spawned;
    },
    /** The live count once it reaches `expected`, or whatever it is after 2 s (threads end asynchronously). */
    live: async (expected: number) => {
      for (let i = 0; i < 200 && live.size !== expected; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      return live.size;
    },
    disable: () => hook.disable(),
  };
}

function lazyPool(poolSize = 1): LazyThreadPool {
  const settings: EntrypointSettings = resolveSettings({ poolSize, shutdownTimeout: 5_000 }, {});
  return new LazyThreadPool(settings, new MemoryLogger());
}

describe('LazyThreadPool', () => {
  let threads: ReturnType<typeof trackWorkerThreads>;
  const pools: LazyThreadPool[] = [];
  beforeEach(() => {
    threads = trackWorkerThreads();
  });
  afterEach(async () => {
    // Always stop pools, even when a test failed half way.
    await Promise.all(pools.splice(0).map((pool) => pool.stop()));
    threads.disable();
  });
  const track = (pool: LazyThreadPool) => (pools.push(pool), pool);

  it('reports the configured size without spawning anything', () => {
    const pool = track(lazyPool(3));
    pool.start();
    expect([pool.size, threads.spawned]).toEqual([3, 0]);
  });

  describe('run', () => {
    it('rejects with POOL_CLOSED before start and spawns no thread', async () => {
      const pool = track(lazyPool());
      const error = await pool.run(MATH, 'add', 1, 2).catch((e: unknown) => e);
      expect([(error as { code?: string }).code, (error as Error).message.split('\n')[0], threads.spawned]).toEqual([
        'POOL_CLOSED',
        `Cannot run add() of ${MATH}: the thread pool is not running.`,
        0,
      ]);
    });

    it('spawns the threads on the first run after start, and runs the task', async () => {
      const pool = track(lazyPool());
      pool.start();
      const spawnedBeforeRun = threads.spawned;
      const result = await pool.run<number>(MATH, 'add', 20, 22);
      expect([spawnedBeforeRun, result, threads.spawned > 0]).toEqual([0, 42, true]);
    });

    it('reuses the same threads for later runs', async () => {
      const pool = track(lazyPool());
      pool.start();
      await pool.run(MATH, 'add', 1, 1);
      const spawned = threads.spawned;
      const results = [await pool.run(MATH, 'increment'), await pool.run(MATH, 'increment')];
      expect([results, threads.spawned]).toEqual([[1, 2], spawned]);
    });

    it('rejects with POOL_CLOSED after stop', async () => {
      const pool = track(lazyPool());
      pool.start();
      await pool.run(MATH, 'add', 1, 1);
      await pool.stop();
      await expect(pool.run(MATH, 'add', 1, 1)).rejects.toMatchObject({ code: 'POOL_CLOSED' });
    });
  });

  describe('stop', () => {
    it('lets a running task finish, then ends the threads', async () => {
      const pool = track(lazyPool());
      pool.start();
      const gate = new SharedArrayBuffer(12);
      const slots = new Int32Array(gate);
      const task = pool.run<string>(GATE, 'hold', gate, 'finished');
      while (Atomics.load(slots, 0) < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      const calls: string[] = [];
      const stopped = pool.stop().then(() => calls.push('stopped'));
      void task.then((value) => calls.push(`task ${value}`));
      Atomics.store(slots, 1, 1);
      Atomics.notify(slots, 1);
      await stopped;
      expect([calls, await threads.live(0)]).toEqual([['task finished', 'stopped'], 0]);
    });

    it('is a no-op when no thread was ever spawned', async () => {
      const pool = track(lazyPool());
      pool.start();
      await pool.stop();
      expect(threads.spawned).toBe(0);
    });
  });

  describe('as the default THREAD_POOL', () => {
    it('follows the application: closed before start, usable from OnStart of a dependent, closed after stop', async () => {
      const calls: string[] = [];
      @injectable()
      class Primes {
        constructor(@inject(THREAD_POOL) readonly pool: ThreadPool) {}
        @OnStart() async warm() {
          calls.push(`primes below 100: ${await this.pool.run(MATH, 'countPrimes', 100)}`);
        }
        @OnStop() async cool() {
          // The pool stops after its dependents: still usable here.
          calls.push(`2 + 3 = ${await this.pool.run(MATH, 'add', 2, 3)}`);
        }
      }
      @Module({ providers: [Primes] })
      class AppModule {}

      const app = await createTestingApp(AppModule, { poolSize: 1 }).compile();
      const pool = app.get(THREAD_POOL);
      const before = await pool.run(MATH, 'add', 1, 1).catch((e: { code: string }) => e.code);
      await app.start();
      await app.stop();
      const after = await pool.run(MATH, 'add', 1, 1).catch((e: { code: string }) => e.code);
      expect([before, calls, after, await threads.live(0)]).toEqual([
        'POOL_CLOSED',
        ['primes below 100: 25', '2 + 3 = 5'],
        'POOL_CLOSED',
        0,
      ]);
    });
  });
});
