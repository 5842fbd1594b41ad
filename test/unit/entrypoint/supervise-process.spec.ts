import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import type { Application } from '../../../src/application';
import { superviseProcess, type SuperviseOptions } from '../../../src/entrypoint/supervise-process';
import { APPLICATION } from '../../../src/entrypoint/tokens';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module, type ModuleClass } from '../../../src/module/module-decorator';
import { inProcess } from '../bootstrap/bootstrap-helpers';

/** Db <- Api, hooks recorded in `calls`; `fail` names a hook that throws, `hang` one that never settles. */
function app(calls: string[], faults: { fail?: string; hang?: string } = {}): ModuleClass {
  const hook = (name: string) => {
    calls.push(name);
    if (faults.fail === name) throw new Error(`${name} failed`);
    if (faults.hang === name) return new Promise(() => undefined);
    return undefined;
  };
  @injectable()
  class Db {
    @OnStart() start() {
      return hook('Db.start');
    }
    @OnStop() stop() {
      return hook('Db.stop');
    }
  }
  @injectable()
  class Api {
    constructor(
      readonly db: Db,
      @inject(APPLICATION) readonly app: Application,
    ) {}
    @OnStart() start() {
      return hook('Api.start');
    }
    @OnStop() stop() {
      return hook('Api.stop');
    }
  }
  @Module({ providers: [Db, Api] })
  class AppModule {}
  return AppModule;
}

/** Supervises `root` in this process: ManualSignals, a MemoryLogger, and exit() recorded rather than done. */
function supervise<T>(root: ModuleClass, extra: Partial<SuperviseOptions<T>> & { shutdownTimeout?: number } = {}) {
  const { shutdownTimeout, ...rest } = extra;
  const { signals, logger, options } = inProcess({ shutdownTimeout });
  const exits: number[] = [];
  let running: Application | undefined;
  const outcome = superviseProcess<T>(root, {
    options,
    exit: (code) => exits.push(code),
    exitWhen: 'always',
    onRunning: (a) => (running = a),
    ...rest,
  });
  return { signals, logger, exits, outcome, running: () => running };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('superviseProcess', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('stops on a signal in reverse order, flushes, and exits 0 once', async () => {
    const calls: string[] = [];
    const s = supervise(app(calls));
    while (!s.running()) await tick();
    s.signals.emit('SIGTERM');
    const outcome = await s.outcome;
    expect([outcome.exitCode, outcome.error, s.exits, calls]).toEqual([
      0,
      undefined,
      [0],
      ['Db.start', 'Api.start', 'Api.stop', 'Db.stop'],
    ]);
    expect(s.logger.lines('info')).toContain('stopping (SIGTERM received)');
  });

  it('exits 1 with the start error when an OnStart fails, after stopping what started', async () => {
    const calls: string[] = [];
    const s = supervise(app(calls, { fail: 'Api.start' }));
    const outcome = await s.outcome;
    expect([outcome.exitCode, (outcome.error as { code?: string }).code, s.exits, calls]).toEqual([
      1,
      'HOOK_FAILED',
      [1],
      ['Db.start', 'Api.start', 'Db.stop'],
    ]);
    expect(s.logger.lines('error')).toEqual(['startup failed']);
  });

  it('exits 1 with the StopError when an OnStop fails, still stopping the others', async () => {
    const calls: string[] = [];
    const s = supervise(app(calls, { fail: 'Api.stop' }));
    while (!s.running()) await tick();
    void s.running()!.stop();
    const outcome = await s.outcome;
    expect([outcome.exitCode, (outcome.error as Error).name, s.exits, calls.slice(2)]).toEqual([
      1,
      'StopError',
      [1],
      ['Api.stop', 'Db.stop'],
    ]);
  });

  it('exits 1 when a run-time failure (app.fail) stopped the app', async () => {
    const s = supervise(app([]));
    while (!s.running()) await tick();
    const crash = new Error('consumer crashed');
    void s.running()!.fail(crash, 'Consumer.loop crashed');
    const outcome = await s.outcome;
    expect([outcome.exitCode, outcome.error, s.exits]).toEqual([1, crash, [1]]);
  });

  it('ends at once with 143 on a second SIGTERM while stopping, and exits only once', async () => {
    const s = supervise(app([], { hang: 'Api.stop' }));
    while (!s.running()) await tick();
    s.signals.emit('SIGTERM');
    await tick();
    s.signals.emit('SIGTERM');
    const outcome = await s.outcome;
    expect([outcome.exitCode, (outcome.error as { code?: string }).code, outcome.stuck, s.exits]).toEqual([
      143,
      'FORCED_EXIT',
      true,
      [143],
    ]);
    expect(s.logger.lines('warn')).toEqual(['SIGTERM received again while stopping: exiting now']);
  });

  it('never exits when no exit is injected, and sets process.exitCode', async () => {
    const s = supervise(app([], { fail: 'Db.start' }), { exit: undefined });
    const outcome = await s.outcome;
    expect([outcome.exitCode, process.exitCode, s.exits]).toEqual([1, 1, []]);
  });

  describe("with main (run's path)", () => {
    it("resolves with main's value after a clean stop, and does not exit when exitWhen is 'stuck'", async () => {
      const calls: string[] = [];
      const s = supervise(app(calls), { main: () => 42, exitWhen: 'stuck' });
      const outcome = await s.outcome;
      expect([outcome.exitCode, outcome.value, s.exits, calls]).toEqual([0, 42, [], ['Db.start', 'Api.start', 'Api.stop', 'Db.stop']]);
    });

    it("fails with main's error after the stop, even when the stop fails too", async () => {
      const failure = new Error('main failed');
      const s = supervise(app([], { fail: 'Db.stop' }), {
        main: () => {
          throw failure;
        },
        exitWhen: 'stuck',
      });
      const outcome = await s.outcome;
      expect([outcome.exitCode, outcome.error, s.exits]).toEqual([1, failure, []]);
      expect(s.logger.lines('error')).toEqual(['stop failed']);
    });

    it("waits for main when a signal stops the app while it runs, then resolves with main's value", async () => {
      const calls: string[] = [];
      const s = supervise(app(calls), {
        main: async (a: Application) => {
          await new Promise((resolve) => a.shutdownSignal.addEventListener('abort', resolve));
          calls.push('main saw abort');
          await tick();
          calls.push('main returns');
          return 'done';
        },
        exitWhen: 'stuck',
      });
      while (!s.running()) await tick();
      s.signals.emit('SIGTERM');
      const outcome = await s.outcome;
      expect([outcome.exitCode, outcome.value, calls]).toEqual([
        0,
        'done',
        ['Db.start', 'Api.start', 'main saw abort', 'main returns', 'Api.stop', 'Db.stop'],
      ]);
    });

    it('does not count an AbortError thrown by main after stop began as a failure', async () => {
      const s = supervise(app([]), {
        main: async (a: Application) => {
          await new Promise((resolve) => a.shutdownSignal.addEventListener('abort', resolve));
          throw a.shutdownSignal.reason;
        },
        exitWhen: 'stuck',
      });
      while (!s.running()) await tick();
      s.signals.emit('SIGINT');
      expect((await s.outcome).exitCode).toBe(0);
    });

    it('exits 1 when main still runs after shutdownTimeout: the process cannot end by itself', async () => {
      const s = supervise(app([]), { main: () => new Promise(() => undefined), exitWhen: 'stuck', shutdownTimeout: 50 });
      while (!s.running()) await tick();
      s.signals.emit('SIGTERM');
      const outcome = await s.outcome;
      await tick();
      expect([outcome.exitCode, (outcome.error as Error).name, outcome.stuck, s.exits]).toEqual([1, 'ShutdownTimeoutError', true, [1]]);
    });

    it('keeps running after main returns with forever, until a signal', async () => {
      const calls: string[] = [];
      const s = supervise(app(calls), { main: () => 'kept', forever: true, exitWhen: 'stuck' });
      while (!s.running()) await tick();
      for (let i = 0; i < 5; i++) await tick();
      expect(s.running()!.state).toBe('running');
      s.signals.emit('SIGTERM');
      expect((await s.outcome).value).toBe('kept');
    });
  });
});
