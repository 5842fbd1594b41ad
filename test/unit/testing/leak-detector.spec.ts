import 'reflect-metadata';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { THREAD_POOL } from '../../../src/entrypoint/tokens';
import type { ThreadPool } from '../../../src/workers/thread-pool';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { createTestingApp } from '../../../src/testing/create-testing-app';
import { LeakError, type Leak } from '../../../src/testing/leak-error';

/** Builds, starts and stops an app of one service class; returns the LeakError's leaks ([] when clean). */
async function leaksOf(service: new (...args: never[]) => unknown): Promise<Leak[]> {
  @Module({ providers: [service] })
  class AppModule {}
  const app = await createTestingApp(AppModule).compile({ detectLeaks: true });
  await app.start();
  const error = await app.stop().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) return [];
  if (!(error instanceof LeakError)) throw error;
  return [...error.leaks];
}

const PLAIN_WORKER = join(__dirname, '../../fixtures/workers/plain.js');

const brief = (leaks: Leak[]) => leaks.map(({ kind, createdBy }) => ({ kind, createdBy }));

describe('compile({ detectLeaks: true })', () => {
  it('catches a process listener left behind, by event and by the hook that added it', async () => {
    const onSigterm = () => undefined;
    @injectable()
    class Shutdown {
      @OnStart() listen() {
        process.on('SIGTERM', onSigterm);
      }
    }
    try {
      const leaks = await leaksOf(Shutdown);
      expect(leaks).toEqual([
        {
          kind: 'listener',
          type: 'process "SIGTERM"',
          what: 'process listener "SIGTERM" (onSigterm)',
          createdBy: 'OnStart Shutdown.listen',
        },
      ]);
    } finally {
      process.off('SIGTERM', onSigterm);
    }
  });

  it('catches an interval set after an await inside an async hook', async () => {
    let timer: NodeJS.Timeout | undefined;
    @injectable()
    class Poller {
      @OnStart() async begin() {
        await new Promise((resolve) => setTimeout(resolve, 1));
        timer = setInterval(function poll() {}, 60_000);
      }
    }
    try {
      const leaks = await leaksOf(Poller);
      expect(leaks.map((l) => [l.kind, l.what, l.createdBy])).toEqual([['timer', 'setInterval(60000 ms) poll', 'OnStart Poller.begin']]);
    } finally {
      clearInterval(timer);
    }
  });

  it('catches a server left listening and the sockets it accepted, with the handle counts that grew', async () => {
    let server: Server | undefined;
    let client: Socket | undefined;
    @injectable()
    class Api {
      @OnStart() async listen() {
        server = createServer();
        await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      }
    }
    @injectable()
    class Client {
      constructor(readonly api: Api) {}
      @OnStart() async connect() {
        const { port } = server!.address() as { port: number };
        client = connect(port, '127.0.0.1');
        await new Promise((resolve) => client!.once('connect', resolve));
      }
    }
    @Module({ providers: [Api, Client] })
    class AppModule {}
    const app = await createTestingApp(AppModule).compile({ detectLeaks: true });
    await app.start();
    const error = (await app.stop().catch((e: unknown) => e)) as LeakError;
    client?.destroy();
    server?.close();
    // The server-side socket is accepted by the server's handle, so it is the server hook's too.
    expect(brief([...error.leaks]).sort((a, b) => `${a.kind}${a.createdBy}`.localeCompare(`${b.kind}${b.createdBy}`))).toEqual([
      { kind: 'server', createdBy: 'OnStart Api.listen' },
      { kind: 'socket', createdBy: 'OnStart Api.listen' },
      { kind: 'socket', createdBy: 'OnStart Client.connect' },
    ]);
    expect(error.message).toMatch(/TCP server 127\.0\.0\.1:\d+ \(created by OnStart Api\.listen\)/);
    expect(error.message).toMatch(/Active handles grew \(process\.getActiveResourcesInfo\(\)\): .*TCPServerWrap \+1/);
  });

  it('catches a worker thread that was never terminated', async () => {
    let worker: Worker | undefined;
    @injectable()
    class Crunch {
      @OnStart() spawn() {
        worker = new Worker('setInterval(() => {}, 60000)', { eval: true });
      }
    }
    try {
      const leaks = await leaksOf(Crunch);
      expect(brief(leaks.filter((l) => l.kind === 'worker'))).toEqual([{ kind: 'worker', createdBy: 'OnStart Crunch.spawn' }]);
    } finally {
      await worker?.terminate();
    }
  });

  it('names the construction for what a constructor created', async () => {
    let timer: NodeJS.Timeout | undefined;
    @injectable()
    class Eager {
      constructor() {
        timer = setTimeout(() => undefined, 60_000);
      }
    }
    try {
      expect(brief(await leaksOf(Eager))).toEqual([{ kind: 'timer', createdBy: 'a constructor or factory (while compiling)' }]);
    } finally {
      clearTimeout(timer);
    }
  });

  it('attributes a leak in an OnStop hook to it', async () => {
    let timer: NodeJS.Timeout | undefined;
    @injectable()
    class Flusher {
      @OnStop() async close() {
        timer = setTimeout(() => undefined, 60_000);
      }
    }
    try {
      expect(brief(await leaksOf(Flusher))).toEqual([{ kind: 'timer', createdBy: 'OnStop Flusher.close' }]);
    } finally {
      clearTimeout(timer);
    }
  });

  it('passes for an app that releases everything it created, 100 times in a row', async () => {
    const onSignal = () => undefined;
    @injectable()
    class Tidy {
      private server: Server | undefined;
      private timer: NodeJS.Timeout | undefined;
      private client: Socket | undefined;
      @OnStart() async start() {
        process.on('SIGHUP', onSignal);
        this.timer = setInterval(() => undefined, 1000);
        const server = createServer((socket) => socket.end());
        this.server = server;
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const client = connect((server.address() as { port: number }).port, '127.0.0.1');
        this.client = client;
        await new Promise((resolve) => client.once('connect', resolve));
      }
      @OnStop() async stop() {
        process.off('SIGHUP', onSignal);
        clearInterval(this.timer);
        this.client?.destroy();
        await new Promise((resolve) => this.server?.close(resolve));
      }
    }
    const outcomes: string[] = [];
    for (let run = 0; run < 100; run++) outcomes.push(...(await leaksOf(Tidy)).map((leak) => `run ${run}: ${leak.what}`));
    expect(outcomes).toEqual([]);
  });

  it('passes for keel’s own THREAD_POOL: its worker threads end with the app', async () => {
    const calls: string[] = [];
    @injectable()
    class Greeter {
      constructor(@inject(THREAD_POOL) private readonly pool: ThreadPool) {}
      @OnStart() async warm() {
        calls.push(await this.pool.run<string>(PLAIN_WORKER, 'greet', 'pool'));
      }
    }
    expect([await leaksOf(Greeter), calls]).toEqual([[], ['hello, pool']]);
  });

  it('expectNoLeaks() checks after a signal-driven stop, and refuses while the app runs', async () => {
    let timer: NodeJS.Timeout | undefined;
    @injectable()
    class Ticker {
      @OnStart() begin() {
        timer = setInterval(() => undefined, 60_000);
      }
    }
    @Module({ providers: [Ticker] })
    class AppModule {}
    const testing = createTestingApp(AppModule);
    const app = await testing.compile({ detectLeaks: true });
    await app.start();
    const early = (await testing.expectNoLeaks().catch((e: unknown) => (e as Error).message)) as string;
    testing.signals.emit('SIGTERM');
    await app.closing();
    const late = await testing.expectNoLeaks().catch((e: unknown) => e as LeakError);
    clearInterval(timer);
    expect([early.split('\n')[0], brief([...(late as LeakError).leaks])]).toEqual([
      'expectNoLeaks() needs a stopped application; it is running.',
      [{ kind: 'timer', createdBy: 'OnStart Ticker.begin' }],
    ]);
  });

  it('does not count what the test itself creates meanwhile, nor anything after the check', async () => {
    // One synchronous and one asynchronous hook: neither one's attribution may spill into the test's own code.
    @injectable()
    class Quiet {
      @OnStart() now() {}
    }
    @injectable()
    class Later {
      constructor(readonly quiet: Quiet) {}
      @OnStart() async soon() {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
    @Module({ providers: [Quiet, Later] })
    class AppModule {}
    const app = await createTestingApp(AppModule).compile({ detectLeaks: true });
    await app.start();
    const testTimer = setTimeout(() => undefined, 60_000);
    await app.stop();
    clearTimeout(testTimer);
    expect(process.listenerCount('newListener')).toBe(0);
  });

  it('reports a stop failure as such, and ends detection', async () => {
    @injectable()
    class Broken {
      @OnStop() close() {
        throw new Error('disk gone');
      }
    }
    @Module({ providers: [Broken] })
    class AppModule {}
    const app = await createTestingApp(AppModule).compile({ detectLeaks: true });
    await app.start();
    const error = (await app.stop().catch((e: unknown) => e)) as Error;
    expect([error.name, process.listenerCount('newListener')]).toEqual(['StopError', 0]);
  });
});
