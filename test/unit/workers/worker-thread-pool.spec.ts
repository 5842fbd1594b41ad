import 'reflect-metadata';
import { createHook } from 'node:async_hooks';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KeelError } from '../../../src/errors';
import { WorkerThreadPool } from '../../../src/workers/worker-thread-pool';

const fixtures = join(__dirname, '../../fixtures/workers');
const MATH = join(fixtures, 'math.ts');
const GATE = join(fixtures, 'gate.ts');

/** Counts live worker threads through async_hooks (piscina unrefs idle ones, so getActiveResourcesInfo misses them). */
function trackWorkerThreads() {
  const live = new Set<number>();
  const hook = createHook({
    init: (id, type) => {
      if (type === 'WORKER') live.add(id);
    },
    destroy: (id) => {
      live.delete(id);
    },
  }).enable();
  return {
    /** The live count once it reaches `expected`, or whatever it is after 2 s (thread teardown is asynchronous). */
    count: async (expected: number) => {
      for (let i = 0; i < 200 && live.size !== expected; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      return live.size;
    },
    disable: () => hook.disable(),
  };
}

/** Resolves once `count` hold() tasks have started (slot 0 of the gate buffer). */
async function started(slots: Int32Array, count: number): Promise<void> {
  while (Atomics.load(slots, 0) < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

function release(slots: Int32Array): void {
  Atomics.store(slots, 1, 1);
  Atomics.notify(slots, 1);
}

async function rejection(promise: Promise<unknown>): Promise<KeelError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KeelError);
    return error as KeelError;
  }
  throw new Error('expected a rejection');
}

describe('WorkerThreadPool', () => {
  describe('run', () => {
    const pool = WorkerThreadPool.create({ size: 2 });
    beforeAll(() => pool.start());
    afterAll(() => pool.stop());

    it('returns what a sync export returns', async () => {
      await expect(pool.run(MATH, 'add', 2, 3)).resolves.toBe(5);
      await expect(pool.run(MATH, 'sum', 1, 2, 3, 4)).resolves.toBe(10);
    });

    it('awaits an async export', async () => {
      await expect(pool.run(MATH, 'double', 21)).resolves.toBe(42);
    });

    it('runs a CPU-bound export', async () => {
      await expect(pool.run(MATH, 'countPrimes', 10_000)).resolves.toBe(1229);
    });

    it('accepts file: URLs as strings and URL objects', async () => {
      await expect(pool.run(pathToFileURL(MATH), 'add', 1, 1)).resolves.toBe(2);
      await expect(pool.run(pathToFileURL(MATH).href, 'add', 1, 2)).resolves.toBe(3);
    });

    it('resolves a relative path against process.cwd()', async () => {
      await expect(pool.run(relative(process.cwd(), MATH), 'add', 2, 2)).resolves.toBe(4);
    });

    it('finds the file of an extensionless path', async () => {
      await expect(pool.run(join(fixtures, 'math'), 'add', 3, 3)).resolves.toBe(6);
    });

    it('loads plain CommonJS and ES modules without TypeScript', async () => {
      await expect(pool.run(join(fixtures, 'plain.js'), 'greet', 'ann')).resolves.toBe('hello, ann');
      await expect(pool.run(join(fixtures, 'plain.js'), 'default', 'bob')).resolves.toBe('default bob');
      await expect(pool.run(join(fixtures, 'esm.mjs'), 'shout', 'hey')).resolves.toBe('HEY!');
    });

    it('rejects with WORKER_FAILED whose cause keeps the thrown error', async () => {
      const error = await rejection(pool.run(MATH, 'fail', 'over quota'));
      expect(error.code).toBe('WORKER_FAILED');
      expect(error.message).toContain(`Task "fail" in "${MATH}" threw QuotaError: over quota`);
      const cause = error.cause as Error & { code?: string; cause?: Error };
      expect(cause.name).toBe('QuotaError');
      expect(cause.message).toBe('over quota');
      expect(cause.code).toBe('E_QUOTA');
      expect(cause.stack).toContain('math.ts');
      expect(cause.cause).toBeInstanceOf(RangeError);
      expect(cause.cause?.message).toBe('limit 3');
    });

    it('gives back a KeelError thrown in the thread as a KeelError, so KeelError.is holds across the boundary', async () => {
      const error = await rejection(pool.run(join(fixtures, 'keel-errors'), 'failWithConfigError'));

      const cause = error.cause as KeelError & { issues?: unknown };
      expect([KeelError.is(cause, 'INVALID_CONFIG'), cause instanceof KeelError, cause.name, cause.summary]).toEqual([
        true,
        true,
        'InvalidConfigError',
        'Invalid configuration: 1 problem.',
      ]);
      expect(cause.message).toBe('Invalid configuration: 1 problem.\n  PORT: is missing\nHint: set PORT.');
      expect([cause.hint, cause.issues]).toEqual(['set PORT.', [{ key: 'PORT', message: 'is missing' }]]);
    });

    it('rejects when an async export rejects, keeping built-in error types', async () => {
      const error = await rejection(pool.run(MATH, 'failLater', 'bad input'));
      expect(error.code).toBe('WORKER_FAILED');
      expect(error.cause).toBeInstanceOf(TypeError);
      expect((error.cause as Error).message).toBe('bad input');
    });

    it('describes a thrown non-error value', async () => {
      const error = await rejection(pool.run(MATH, 'throwString'));
      expect(error.message).toContain('Non-error value thrown: "plain string"');
    });

    it('rejects when the export is missing or not a function', async () => {
      expect((await rejection(pool.run(MATH, 'nope'))).message).toContain('"nope" exported by');
      expect((await rejection(pool.run(MATH, 'notAFunction'))).message).toContain('a number, not a function');
    });

    it('rejects when the module does not exist, and keeps serving', async () => {
      const error = await rejection(pool.run(join(fixtures, 'missing.ts'), 'add'));
      expect(error.code).toBe('WORKER_FAILED');
      expect((error.cause as Error & { code?: string }).code).toBe('MODULE_NOT_FOUND');
      await expect(pool.run(MATH, 'add', 1, 1)).resolves.toBe(2);
    });

    it('rejects a result that cannot cross threads', async () => {
      const error = await rejection(pool.run(MATH, 'returnFunction'));
      expect(error.code).toBe('WORKER_FAILED');
      expect(error.message).toContain('crashed: the thread died of an error that could not be sent to the main thread');
      await expect(pool.run(MATH, 'add', 1, 1)).resolves.toBe(2);
    });

    it('rejects arguments that cannot cross threads', async () => {
      const error = await rejection(pool.run(MATH, 'add', () => 1, 2));
      expect(error.code).toBe('WORKER_FAILED');
      expect(error.message).toContain('could not pass its arguments or result');
    });

    it('rejects a URL that is not a file: URL', async () => {
      const error = await rejection(pool.run(new URL('https://example.com/m.js'), 'add'));
      expect(error.code).toBe('WORKER_FAILED');
      expect(error.message).toContain('is not a file path or file: URL');
    });
  });

  describe('module cache', () => {
    it('loads a module once per thread and keeps its state between calls', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      pool.start();
      try {
        expect([await pool.run(MATH, 'increment'), await pool.run(MATH, 'increment'), await pool.run(MATH, 'increment')]).toEqual([
          1, 2, 3,
        ]);
        await expect(pool.run(MATH, 'loadCount')).resolves.toBe(1);
      } finally {
        await pool.stop();
      }
    });
  });

  describe('crashes', () => {
    it('rejects the task of a thread that calls process.exit and keeps serving', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      pool.start();
      try {
        const error = await rejection(pool.run(MATH, 'exitThread', 3));
        expect(error.code).toBe('WORKER_FAILED');
        expect(error.message).toContain(`The worker thread running task "exitThread" in "${MATH}" crashed: worker exited with code: 3`);
        await expect(pool.run(MATH, 'add', 1, 2)).resolves.toBe(3);
        await expect(pool.run(MATH, 'loadCount')).resolves.toBe(1); // a fresh thread
      } finally {
        await pool.stop();
      }
    });

    it('rejects the task of a thread killed by an uncaught error and keeps serving', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      pool.start();
      try {
        const error = await rejection(pool.run(MATH, 'throwUncaught', 'stray'));
        expect(error.code).toBe('WORKER_FAILED');
        expect(error.message).toContain('crashed: stray');
        await expect(pool.run(MATH, 'add', 2, 2)).resolves.toBe(4);
      } finally {
        await pool.stop();
      }
    });

    it('runs tasks queued behind a crash', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      pool.start();
      try {
        const results = await Promise.allSettled([
          pool.run(MATH, 'exitThread', 1),
          pool.run(MATH, 'add', 1, 1),
          pool.run(MATH, 'add', 2, 2),
        ]);
        expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
      } finally {
        await pool.stop();
      }
    });
  });

  describe('start and stop', () => {
    let threads: ReturnType<typeof trackWorkerThreads>;
    beforeEach(() => {
      threads = trackWorkerThreads();
    });
    afterEach(() => threads.disable());

    it('spawns no thread before start and none survive stop', async () => {
      const pool = WorkerThreadPool.create({ size: 2 });
      expect(await threads.count(0)).toBe(0);
      pool.start();
      expect(await threads.count(2)).toBe(2);
      await pool.run(MATH, 'add', 1, 1);
      await pool.stop();
      expect(await threads.count(0)).toBe(0);
    });

    it('rejects run before start with POOL_CLOSED', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      const error = await rejection(pool.run(MATH, 'add', 1, 1));
      expect(error.code).toBe('POOL_CLOSED');
      expect(error.message).toContain('Cannot run task "add"');
      expect(error.message).toContain('has not been started');
      expect(await threads.count(0)).toBe(0);
    });

    it('rejects run after stop with POOL_CLOSED', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      pool.start();
      await pool.stop();
      const error = await rejection(pool.run(MATH, 'add', 1, 1));
      expect(error.code).toBe('POOL_CLOSED');
      expect(error.message).toContain('the worker pool is stopped');
    });

    it('lets the running task finish and rejects queued and new tasks', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      pool.start();
      const slots = new Int32Array(new SharedArrayBuffer(12));
      const calls: string[] = [];
      const track = (name: string, task: Promise<unknown>) =>
        task.then(
          (value) => calls.push(`${name} resolved ${String(value)}`),
          (error: KeelError) => calls.push(`${name} ${error.code}`),
        );
      const running = track('running', pool.run(GATE, 'hold', slots.buffer, 'finished'));
      const queued = [1, 2, 3].map((n) => track(`queued${n}`, pool.run(MATH, 'add', n, n)));
      await started(slots, 1);

      const stopped = pool.stop().then(() => calls.push('stopped'));
      await Promise.all(queued);
      await track('late', pool.run(MATH, 'add', 0, 0));
      calls.push('release');
      release(slots);
      await Promise.all([running, stopped]);

      expect(calls).toEqual([
        'queued1 POOL_CLOSED',
        'queued2 POOL_CLOSED',
        'queued3 POOL_CLOSED',
        'late POOL_CLOSED',
        'release',
        'running resolved finished',
        'stopped',
      ]);
      expect(await threads.count(0)).toBe(0);
    });

    it('says why a queued task was rejected', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      pool.start();
      const slots = new Int32Array(new SharedArrayBuffer(12));
      const running = pool.run(GATE, 'hold', slots.buffer, 'done');
      const queued = pool.run(MATH, 'add', 1, 1);
      await started(slots, 1);
      const stopped = pool.stop();
      const error = await rejection(queued);
      expect(error.message).toContain(`Task "add" in "${MATH}" was still queued when the worker pool stopped; it never ran.`);
      release(slots);
      await Promise.all([running, stopped]);
    });

    it('terminates a task still running after closeTimeout with POOL_CLOSED', async () => {
      const pool = WorkerThreadPool.create({ size: 1, closeTimeout: 50 });
      pool.start();
      const slots = new Int32Array(new SharedArrayBuffer(12));
      const stuck = pool.run(GATE, 'hold', slots.buffer, 'never');
      await started(slots, 1);
      const [error] = await Promise.all([rejection(stuck), pool.stop()]);
      expect(error.code).toBe('POOL_CLOSED');
      expect(error.message).toContain('was terminated: it was still running 50 ms after the worker pool began to stop');
      expect(await threads.count(0)).toBe(0);
    });

    it('shares one stop between concurrent calls and may start again', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      pool.start();
      const first = pool.stop();
      expect(pool.stop()).toBe(first);
      await first;
      await expect(pool.stop()).resolves.toBeUndefined();
      pool.start();
      await expect(pool.run(MATH, 'add', 4, 4)).resolves.toBe(8);
      await pool.stop();
      expect(await threads.count(0)).toBe(0);
    });

    it('refuses to start while stopping', async () => {
      const pool = WorkerThreadPool.create({ size: 1 });
      pool.start();
      const stopping = pool.stop();
      expect(() => pool.start()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
      await stopping;
    });
  });

  describe('size', () => {
    it('runs `size` tasks at once', async () => {
      const pool = WorkerThreadPool.create({ size: 3 });
      pool.start();
      try {
        expect(pool.size).toBe(3);
        const slots = new Int32Array(new SharedArrayBuffer(12));
        const ids = await Promise.all([1, 2, 3].map(() => pool.run<number>(GATE, 'rendezvous', slots.buffer, 3)));
        expect(new Set(ids).size).toBe(3);
      } finally {
        await pool.stop();
      }
    });

    it('never uses more than `size` threads', async () => {
      const pool = WorkerThreadPool.create({ size: 2 });
      pool.start();
      try {
        const ids = await Promise.all(Array.from({ length: 20 }, () => pool.run<number>(MATH, 'whichThread')));
        expect(new Set(ids).size).toBeLessThanOrEqual(2);
      } finally {
        await pool.stop();
      }
    });

    it('takes the size from the SETTINGS poolSize', () => {
      expect(new WorkerThreadPool({ poolSize: 4 }).size).toBe(4);
    });

    it.each([0, -1, 1.5, Number.NaN])('rejects size %p with INVALID_SETTINGS', (size) => {
      expect(() => WorkerThreadPool.create({ size })).toThrow(expect.objectContaining({ code: 'INVALID_SETTINGS' }));
    });
  });
});
