import 'reflect-metadata';
import { injectable } from 'inversify';
import type { Application } from '../../../src/application';
import { run } from '../../../src/bootstrap';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { gate, guardProcess, inProcess } from './bootstrap-helpers';

/** Database -> Api, each hook recorded in `calls`. */
function appModule(calls: string[]) {
  @injectable()
  class Database {
    @OnStart() connect() {
      calls.push('Database.connect');
    }
    @OnStop() disconnect() {
      calls.push('Database.disconnect');
    }
  }
  @injectable()
  class Api {
    constructor(readonly db: Database) {}
    @OnStart() listen() {
      calls.push('Api.listen');
    }
    @OnStop() close() {
      calls.push('Api.close');
    }
  }
  @Module({ providers: [Api, Database] })
  class AppModule {}
  return AppModule;
}

/** Lets pending I/O callbacks and timers of this turn run. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('run', () => {
  const guard = guardProcess();
  afterEach(() => {
    expect(guard.exits).toEqual([]);
  });

  it("resolves with main's value after stopping the app, hooks in reverse", async () => {
    const calls: string[] = [];
    const { options } = inProcess({ module: appModule(calls) });
    const value = await run((app) => {
      calls.push(`main (${app.state})`);
      return 42;
    }, options);
    expect([value, calls, process.exitCode]).toEqual([
      42,
      ['Database.connect', 'Api.listen', 'main (running)', 'Api.close', 'Database.disconnect'],
      0,
    ]);
  });

  it('awaits an async main', async () => {
    const calls: string[] = [];
    const { options } = inProcess({ module: appModule(calls) });
    const value = await run(async () => {
      await turn();
      calls.push('main done');
      return 'async value';
    }, options);
    expect([value, calls]).toEqual(['async value', ['Database.connect', 'Api.listen', 'main done', 'Api.close', 'Database.disconnect']]);
  });

  it('rejects with the error main threw, after stopping the app, and sets exit code 1', async () => {
    const calls: string[] = [];
    const failure = new Error('main failed');
    const { options } = inProcess({ module: appModule(calls) });
    const error = await run(() => {
      calls.push('main');
      throw failure;
    }, options).catch((e: unknown) => e);
    expect([error === failure, calls, process.exitCode]).toEqual([
      true,
      ['Database.connect', 'Api.listen', 'main', 'Api.close', 'Database.disconnect'],
      1,
    ]);
  });

  it('with forever, keeps running after main returns until ManualSignals emits SIGTERM', async () => {
    const calls: string[] = [];
    const { signals, options } = inProcess({ module: appModule(calls), forever: true });
    let app: Application | undefined;
    let settled = false;
    const running = run((a) => {
      app = a;
      calls.push('main');
      return 'forever value';
    }, options).finally(() => {
      settled = true;
    });
    // Several turns after main returned, nothing has stopped.
    while (!calls.includes('main')) await turn();
    for (let i = 0; i < 5; i++) await turn();
    const whileRunning = [settled, app?.state, [...calls]];
    signals.emit('SIGTERM');
    expect([whileRunning, await running, calls, process.exitCode]).toEqual([
      [false, 'running', ['Database.connect', 'Api.listen', 'main']],
      'forever value',
      ['Database.connect', 'Api.listen', 'main', 'Api.close', 'Database.disconnect'],
      0,
    ]);
  });

  it('runs main in an app of only the Entrypoint providers when no module is given', async () => {
    const { options } = inProcess();
    const state = await run((app) => app.state, options);
    expect([state, process.exitCode]).toEqual(['running', 0]);
  });

  it("resolves with main's value once the app has stopped, when a signal stops it while main runs", async () => {
    const calls: string[] = [];
    const release = gate();
    const inMain = gate();
    const { signals, options } = inProcess({ module: appModule(calls) });
    let app: Application | undefined;
    const running = run(async (a) => {
      app = a;
      inMain.open();
      await release.promise;
      return 'late value';
    }, options);
    await inMain.promise;
    signals.emit('SIGTERM');
    release.open();
    expect([await running, app?.state, calls, process.exitCode]).toEqual([
      'late value',
      'stopped',
      ['Database.connect', 'Api.listen', 'Api.close', 'Database.disconnect'],
      0,
    ]);
  });
});
