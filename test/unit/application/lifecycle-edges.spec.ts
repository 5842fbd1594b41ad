import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import type { Application } from '../../../src/application';
import { createApplication, type CreateApplicationOptions } from '../../../src/create-application';
import { APPLICATION, LOGGER } from '../../../src/entrypoint/tokens';
import { LifecycleHookError, ShutdownTimeoutError, StopError } from '../../../src/errors';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { MemoryLogger } from '../../../src/testing/memory-logger';
import { VirtualClock } from '../../helpers/virtual-clock';

const build = (root: new () => unknown, options: CreateApplicationOptions = {}) =>
  createApplication(root, { ...options, overrides: [{ provide: LOGGER, useValue: new MemoryLogger() }] });

type StopCall = 'sync' | 'awaited';

/** S0 <- S1 <- S2, where S1's OnStart calls app.stop(); S0's OnStart is sync or async (first pass or later). */
function chain(calls: string[], how: StopCall, s0Async: boolean) {
  @injectable()
  class S0 {
    @OnStart() start() {
      calls.push('S0.start');
      return s0Async ? new Promise((resolve) => setTimeout(resolve, 1)) : undefined;
    }
    @OnStop() stop() {
      calls.push('S0.stop');
    }
  }
  @injectable()
  class S1 {
    constructor(
      readonly s0: S0,
      @inject(APPLICATION) private readonly app: Application,
    ) {}
    @OnStart() async start() {
      calls.push('S1.start');
      if (how === 'sync') void this.app.stop('S1 asked');
      else await this.app.stop('S1 asked');
      await new Promise((resolve) => setTimeout(resolve, 1));
      calls.push('S1.started');
    }
    @OnStop() stop() {
      calls.push('S1.stop');
    }
  }
  @injectable()
  class S2 {
    constructor(readonly s1: S1) {}
    @OnStart() start() {
      calls.push('S2.start');
    }
    @OnStop() stop() {
      calls.push('S2.stop');
    }
  }
  @Module({ providers: [S0, S1, S2] })
  class AppModule {}
  return AppModule;
}

describe('lifecycle edges', () => {
  describe('stop() called from inside an OnStart', () => {
    it.each([
      ['sync', false],
      ['sync', true],
      ['awaited', false],
      ['awaited', true],
    ] as [StopCall, boolean][])(
      '(%s, S0 async: %s) lets the hook in flight finish, then stops every started service in reverse, each once',
      async (how, s0Async) => {
        const calls: string[] = [];
        const app = await build(chain(calls, how, s0Async));
        const started = await app.start().then(
          () => 'started',
          (error: { code?: string }) => error.code,
        );
        await app.stop();
        expect([started, app.state, calls]).toEqual([
          'START_ABORTED',
          'stopped',
          ['S0.start', 'S1.start', 'S1.started', 'S1.stop', 'S0.stop'],
        ]);
      },
    );
  });

  describe('an OnStart that awaits app.stop() after its first await', () => {
    // With one application live keel cannot tell this call from one outside the hook, so the stop waits
    // for the hook, which waits for the stop: shutdownTimeout ends it, and the error says why.
    it('holds start until shutdownTimeout, then fails naming the hook, with a hint that it waited for its own stop', async () => {
      const clock = new VirtualClock();
      @injectable()
      class Job {
        constructor(@inject(APPLICATION) private readonly app: Application) {}
        @OnStart() async start() {
          await clock.sleep(5);
          await this.app.stop('done');
        }
      }
      @Module({ providers: [Job] })
      class AppModule {}
      const app = await build(AppModule, { clock, shutdownTimeout: 1000 });
      const error = (await clock.run(app.start()).catch((e: unknown) => e)) as LifecycleHookError;
      expect([error.code, error.hook, error.message.split('\n')[0], clock.now()]).toEqual([
        'HOOK_FAILED',
        'Job.start',
        'OnStart hook "Job.start" failed after 1005 ms: Shutdown did not finish within 1000 ms; still pending: Job.start.',
        1005,
      ]);
      expect(error.hint).toContain('It was already running when stop() was called: if it awaits app.stop(), it waits for its own stop');
    });
  });

  describe('a hook returning a thenable whose then() throws', () => {
    it('fails like any hook: a LifecycleHookError naming Class.method, and its deadline is cleared', async () => {
      const clock = new VirtualClock();
      @injectable()
      class Broken {
        @OnStart({ timeout: 5000 }) start() {
          return {
            then() {
              throw new Error('then exploded');
            },
          };
        }
      }
      @Module({ providers: [Broken] })
      class AppModule {}
      const app = await build(AppModule, { clock });
      const error = await clock.run(app.start()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LifecycleHookError);
      expect([(error as LifecycleHookError).hook, (error as Error).message.split('\n')[0]]).toEqual([
        'Broken.start',
        'OnStart hook "Broken.start" failed after 0 ms: then exploded.',
      ]);
      // No timer is left armed that would report a timeout seconds later.
      expect(clock.pendingTimers).toBe(0);
    });
  });

  describe('several OnStop hooks on one service', () => {
    it('runs every one even when an earlier one throws, and reports each failure in the StopError', async () => {
      const calls: string[] = [];
      @injectable()
      class Db {
        @OnStart() start() {}
        @OnStop() first() {
          calls.push('Db.first');
          throw new Error('first failed');
        }
        @OnStop() async second() {
          calls.push('Db.second');
          await Promise.resolve();
          throw new Error('second failed');
        }
        @OnStop() third() {
          calls.push('Db.third');
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      const app = await build(AppModule);
      await app.start();
      const error = (await app.stop().catch((e: unknown) => e)) as StopError;
      expect(error).toBeInstanceOf(StopError);
      expect([calls, error.errors.map((e) => (e as LifecycleHookError).hook), app.state]).toEqual([
        ['Db.first', 'Db.second', 'Db.third'],
        ['Db.first', 'Db.second'],
        'failed',
      ]);
    });
  });

  describe('after stop() rejected with ShutdownTimeoutError', () => {
    it('begins no OnStop, even when what stop was waiting for settles later', async () => {
      const clock = new VirtualClock();
      const calls: string[] = [];
      @injectable()
      class Db {
        @OnStart() start() {}
        @OnStop() stop() {
          calls.push('Db.stop');
        }
      }
      @Module({ providers: [Db] })
      class AppModule {}
      const app = await build(AppModule, { clock, shutdownTimeout: 1000 });
      await clock.run(app.start());
      app.shutdownWaitsFor(clock.sleep(5000));
      const error = await clock.run(app.stop()).catch((e: unknown) => e);
      // Let the awaited promise settle well after the deadline.
      await clock.run(clock.sleep(10_000));
      expect([error instanceof ShutdownTimeoutError, calls]).toEqual([true, []]);
    });
  });
});
