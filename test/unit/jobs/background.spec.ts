import 'reflect-metadata';
import { injectable } from 'inversify';
import type { KeelError } from '../../../src/errors';
import { Background } from '../../../src/jobs/background-decorator';
import { backoffDelay } from '../../../src/jobs/supervise-background';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { FakeClock } from '../../../src/testing/fake-clock';
import { buildJobApp, sleepUnlessAborted } from './job-test-app';

/** Never restarts for lack of intensity, and waits exactly as configured. */
const steady = { maxRestarts: 100, window: 1_000_000 };

describe('@Background', () => {
  it('starts once the application is running, and on stop gets an aborted signal and is awaited before any OnStop', async () => {
    const clock = new FakeClock();
    const calls: string[] = [];
    const at = (what: string) => calls.push(`${what}@${clock.now()}`);
    @injectable()
    class Queue {
      @OnStart() async open() {
        at('Queue.open');
        await new Promise<void>((resolve) => clock.setTimeout(resolve, 100));
      }
      @OnStop() close() {
        at('Queue.close');
      }
    }
    @injectable()
    class Consumer {
      constructor(readonly queue: Queue) {}
      @Background() async consume(signal: AbortSignal) {
        at('consume begin');
        while (!signal.aborted) await sleepUnlessAborted(clock, 1000, signal);
        await new Promise<void>((resolve) => clock.setTimeout(resolve, 50)); // acks the last message
        at('consume end');
      }
    }
    const { app, jobEvents } = await buildJobApp([Queue, Consumer], { clock });
    const starting = app.start();
    await clock.tickAsync(100);
    await starting;
    await clock.tickAsync(2500);
    at('stop called');
    const stopping = app.stop();
    await clock.tickAsync(50);
    await stopping;
    expect(calls).toEqual(['Queue.open@0', 'consume begin@100', 'stop called@2600', 'consume end@2650', 'Queue.close@2650']);
    // Returning because stop began is not a failure.
    expect([jobEvents, app.state]).toEqual([['job:started Consumer.consume #1', 'job:finished Consumer.consume #1'], 'stopped']);
  });

  it('restarts a failing loop after an exponential backoff capped at max', async () => {
    const clock = new FakeClock();
    const runs: number[] = [];
    @injectable()
    class Consumer {
      @Background({ ...steady, backoff: { initial: 100, factor: 2, max: 500, jitter: 0 } }) consume() {
        runs.push(clock.now());
        throw new Error('broker down');
      }
    }
    const { app, jobEvents } = await buildJobApp([Consumer], { clock });
    await app.start();
    await clock.tickAsync(1700);
    await app.stop();
    expect(runs).toEqual([0, 100, 300, 700, 1200, 1700]);
    expect(jobEvents.filter((e) => e.startsWith('job:failed')).slice(0, 5)).toEqual([
      'job:failed Consumer.consume #1 -> restart in 100',
      'job:failed Consumer.consume #2 -> restart in 200',
      'job:failed Consumer.consume #3 -> restart in 400',
      'job:failed Consumer.consume #4 -> restart in 500',
      'job:failed Consumer.consume #5 -> restart in 500',
    ]);
  });

  it('logs each failure at error with Class.method, the error and the restart it waits for', async () => {
    const clock = new FakeClock();
    @injectable()
    class Consumer {
      @Background({ ...steady, backoff: { initial: 250, jitter: 0 } }) consume() {
        throw new Error('broker down');
      }
    }
    const { app, logger } = await buildJobApp([Consumer], { clock });
    await app.start();
    await clock.tickAsync(250);
    await app.stop();
    expect(logger.records.filter((r) => r.level === 'error').map((r) => r.message)).toEqual([
      '@Background Consumer.consume failed after 0 ms: broker down; restart #1 in 250 ms',
      '@Background Consumer.consume failed after 0 ms: broker down; restart #2 in 500 ms',
    ]);
  });

  it('takes up to `jitter` of each wait off at random, never adding to it', () => {
    const backoff = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 };
    expect([0, 1, 2, 3, 4].map((attempt) => [backoffDelay(backoff, attempt, () => 0), backoffDelay(backoff, attempt, () => 1)])).toEqual([
      [100, 50],
      [200, 100],
      [400, 200],
      [800, 400],
      [1000, 500],
    ]);
  });

  it('by default waits 100 ms, less up to a fifth at random, before the first restart', async () => {
    const clock = new FakeClock();
    const waits: number[] = [];
    @injectable()
    class Consumer {
      @Background() consume() {
        throw new Error('broker down');
      }
    }
    const built = await buildJobApp([Consumer], { clock });
    built.app.onEvent((event) => void (event.type === 'job:failed' && event.next === 'restart' && waits.push(event.restartInMs)));
    await built.app.start();
    await clock.tickAsync(0);
    await built.app.stop();
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(80);
    expect(waits[0]).toBeLessThanOrEqual(100);
  });

  it('counts returning while the application runs as a failure, and restarts it', async () => {
    const clock = new FakeClock();
    const runs: number[] = [];
    @injectable()
    class Consumer {
      @Background({ ...steady, backoff: { initial: 100, jitter: 0 } }) async consume() {
        runs.push(clock.now());
      }
    }
    const { app, logger } = await buildJobApp([Consumer], { clock });
    await app.start();
    await clock.tickAsync(300);
    await app.stop();
    expect(runs).toEqual([0, 100, 300]);
    expect(logger.records.find((r) => r.level === 'error')?.message).toBe(
      '@Background Consumer.consume failed after 0 ms: @Background Consumer.consume returned while the application was running; restart #1 in 100 ms',
    );
  });

  it('stops the application as failed, naming the method and its last error, past maxRestarts within the window', async () => {
    const clock = new FakeClock();
    const calls: string[] = [];
    let failures = 0;
    @injectable()
    class Consumer {
      @Background({ maxRestarts: 2, window: '10s', backoff: { initial: 100, jitter: 0 } }) consume() {
        calls.push(`consume@${clock.now()}`);
        throw new Error(`broker down #${++failures}`);
      }
      @OnStop() close() {
        calls.push(`close@${clock.now()}`);
      }
    }
    const { app, logger } = await buildJobApp([Consumer], { clock });
    await app.start();
    await clock.tickAsync(10_000);
    await app.stop();
    const failure = app.failure?.error as KeelError;
    expect([app.state, calls, failure.code, failure.message.split('\n')[0], (failure.cause as Error).message]).toEqual([
      'failed',
      ['consume@0', 'consume@100', 'consume@300', 'close@300'],
      'JOB_FAILED',
      '@Background Consumer.consume needed more than 2 restart(s) within 10000 ms; last error: broker down #3',
      'broker down #3',
    ]);
    expect(logger.records.map((r) => `${r.level} ${r.message}`)).toEqual(
      expect.arrayContaining([
        'error @Background Consumer.consume failed after 0 ms: broker down #3; stopping the application',
        'info stopping (@Background Consumer.consume needed more than 2 restart(s) within 10000 ms; last error: broker down #3)',
      ]),
    );
  });

  it('forgets restarts older than the window: a loop failing rarely restarts forever, each time after the initial wait', async () => {
    const clock = new FakeClock();
    const runs: number[] = [];
    @injectable()
    class Consumer {
      @Background({ maxRestarts: 1, window: 1000, backoff: { initial: 100, jitter: 0 } }) async consume(signal: AbortSignal) {
        runs.push(clock.now());
        await sleepUnlessAborted(clock, 5000, signal);
        if (!signal.aborted) throw new Error('connection reset');
      }
    }
    const { app } = await buildJobApp([Consumer], { clock });
    await app.start();
    await clock.tickAsync(20_000);
    await app.stop();
    expect([app.state, runs]).toEqual(['stopped', [0, 5100, 10_200, 15_300]]);
  });

  it('reports the loop down to liveness while it waits to restart, and up again once it runs', async () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    let app: Awaited<ReturnType<typeof buildJobApp>>['app'] | undefined;
    let runs = 0;
    @injectable()
    class Consumer {
      @Background({ ...steady, backoff: { initial: 1000, jitter: 0 } }) async consume(signal: AbortSignal) {
        seen.push(`run ${++runs}: ${JSON.stringify(app!.runtimeHealth.problems())}`);
        if (runs === 1) throw new Error('broker down');
        await sleepUnlessAborted(clock, 60_000, signal);
      }
    }
    const built = await buildJobApp([Consumer], { clock });
    app = built.app;
    await app.start();
    await clock.tickAsync(500);
    seen.push(`waiting: ${JSON.stringify(app.runtimeHealth.problems())}`);
    await clock.tickAsync(500);
    await app.stop();
    expect(seen).toEqual(['run 1: []', 'waiting: [{"key":"Consumer.consume","reason":"restarting"}]', 'run 2: []']);
  });

  it("with restart: 'never', logs the failure and leaves the loop down while the application runs on", async () => {
    const clock = new FakeClock();
    let runs = 0;
    @injectable()
    class Consumer {
      @Background({ restart: 'never' }) consume() {
        runs++;
        throw new Error('broker down');
      }
    }
    const { app, jobEvents } = await buildJobApp([Consumer], { clock });
    await app.start();
    await clock.tickAsync(60_000);
    const state = app.state;
    await app.stop();
    expect([runs, state, jobEvents]).toEqual([1, 'running', ['job:started Consumer.consume #1', 'job:failed Consumer.consume #1 -> end']]);
  });

  it("with restart: 'stop', stops the application as failed on the first failure", async () => {
    const clock = new FakeClock();
    @injectable()
    class Consumer {
      @Background({ restart: 'stop' }) consume() {
        throw new Error('broker down');
      }
    }
    const { app } = await buildJobApp([Consumer], { clock });
    await app.start();
    await clock.tickAsync(0);
    await app.stop();
    expect([app.state, (app.failure?.error as Error).message]).toEqual([
      'failed',
      "@Background Consumer.consume failed (restart: 'stop'): broker down",
    ]);
  });

  it('cancels a pending restart when stop begins, leaving no timer behind', async () => {
    const clock = new FakeClock();
    let runs = 0;
    @injectable()
    class Consumer {
      @Background({ ...steady, backoff: { initial: 10_000, jitter: 0 } }) consume() {
        runs++;
        throw new Error('broker down');
      }
    }
    const { app } = await buildJobApp([Consumer], { clock });
    await app.start();
    await clock.tickAsync(1000);
    await app.stop();
    await clock.tickAsync(60_000);
    expect([runs, app.state, clock.pendingTimers, app.runtimeHealth.problems()]).toEqual([1, 'stopped', 0, []]);
  });

  it('rejects bad options when the class is defined, naming Class.method', () => {
    const define = (options: Parameters<typeof Background>[0]) => {
      try {
        class Consumer {
          consume() {}
        }
        Background(options)(Consumer.prototype, 'consume', Object.getOwnPropertyDescriptor(Consumer.prototype, 'consume')!);
        return 'accepted';
      } catch (error) {
        return (error as Error).message.split('\n')[0];
      }
    };
    expect([
      define({ restart: 'always' as never }),
      define({ maxRestarts: 1.5 }),
      define({ window: 0 }),
      define({ backoff: { initial: 1000, max: 10 } }),
      define({ backoff: { factor: 0.5 } }),
      define({ backoff: { jitter: 2 } }),
      define({ window: '1m', backoff: { initial: '1s', max: '1m' } }),
    ]).toEqual([
      "@Background on Consumer.consume: restart \"always\" is not 'on-failure', 'never' or 'stop'.",
      '@Background on Consumer.consume: maxRestarts 1.5 is not a whole number >= 0.',
      '@Background on Consumer.consume: window 0 is not a positive duration.',
      '@Background on Consumer.consume: backoff.max (10 ms) is less than backoff.initial (1000 ms).',
      '@Background on Consumer.consume: backoff.factor 0.5 is not a number >= 1.',
      '@Background on Consumer.consume: backoff.jitter 2 is not between 0 and 1.',
      'accepted',
    ]);
  });
});
