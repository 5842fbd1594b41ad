import 'reflect-metadata';
import { injectable } from 'inversify';
import { KeelError, ShutdownTimeoutError, StopError } from '../../../src/errors';
import { OnStop } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { buildCoreApp } from '../../helpers/build-core-app';
import { services } from '../../helpers/timed-services';
import { VirtualClock } from '../../helpers/virtual-clock';

describe('stop', () => {
  it('runs OnStop in reverse dependency order', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services(
      { Config: { stop: 5 }, Db: { deps: ['Config'], stop: 10 }, Api: { deps: ['Db', 'Config'], stop: 1 } },
      clock,
    );
    const app = await build();
    await clock.run(app.start());

    await clock.run(app.stop());

    expect(calls).toEqual(['Api.stop@0', 'Api.stopped@1', 'Db.stop@1', 'Db.stopped@11', 'Config.stop@11', 'Config.stopped@16']);
    expect(app.state).toBe('stopped');
  });

  it('begins an OnStop once every dependent finished, so stop takes the critical path', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services(
      { S1: { stop: 10 }, F1: { stop: 100 }, S2: { deps: ['F1'], stop: 10 }, F2: { deps: ['S1'], stop: 100 } },
      clock,
    );
    const app = await build();
    await clock.run(app.start());

    await clock.run(app.stop());

    expect(clock.now()).toBe(110);
    expect(calls).toEqual([
      'S2.stop@0',
      'F2.stop@0',
      'S2.stopped@10',
      'F1.stop@10',
      'F2.stopped@100',
      'S1.stop@100',
      'F1.stopped@110',
      'S1.stopped@110',
    ]);
  });

  it('stops only services that started', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services(
      { Config: { start: 1, stop: 1 }, Db: { deps: ['Config'], start: 'throw', stop: 1 }, Api: { deps: ['Db'], start: 1, stop: 1 } },
      clock,
    );
    const app = await build();
    await clock.run(app.start()).catch(() => undefined);

    await clock.run(app.stop());

    expect(calls).toEqual(['Config.start@0', 'Config.started@1', 'Db.start@1', 'Config.stop@1', 'Config.stopped@2']);
  });

  it('keeps stopping the others when an OnStop fails, then rejects with a StopError of every failure', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services(
      {
        Config: { stop: 1 },
        Db: { deps: ['Config'], stop: 'throw' },
        Cache: { deps: ['Config'], stop: 'throw' },
        Api: { deps: ['Db', 'Cache'], stop: 1 },
      },
      clock,
    );
    const app = await build();
    await clock.run(app.start());

    const error = (await clock.run(app.stop()).catch((e: unknown) => e)) as StopError;

    expect(calls).toEqual(['Api.stop@0', 'Api.stopped@1', 'Db.stop@1', 'Cache.stop@1', 'Config.stop@1', 'Config.stopped@2']);
    expect(error).toBeInstanceOf(StopError);
    expect(error).toBeInstanceOf(KeelError);
    expect(error.cause).toBeInstanceOf(AggregateError);
    expect(error.code).toBe('STOP_FAILED');
    expect(error.errors.map((e) => (e as Error).message.split('\n')[0])).toEqual([
      'OnStop hook "Db.stop" failed after 0 ms: Db stop failed.',
      'OnStop hook "Cache.stop" failed after 0 ms: Cache stop failed.',
    ]);
    expect(app.state).toBe('failed');
  });

  it('rejects after shutdownTimeout naming the pending hooks', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services(
      { Db: { stop: 1 }, Api: { deps: ['Db'], stop: 'hang' }, Worker: { stop: 'hang' }, Cache: { stop: 5 } },
      clock,
    );
    const app = await build();
    await clock.run(app.start());

    const error = (await clock.run(app.stop()).catch((e: unknown) => e)) as ShutdownTimeoutError;

    expect(error).toBeInstanceOf(ShutdownTimeoutError);
    expect(error.code).toBe('SHUTDOWN_TIMEOUT');
    expect(error.pending).toEqual(['Api.stop', 'Worker.stop']);
    expect(error.message.split('\n')[0]).toBe('Shutdown did not finish within 25000 ms; still pending: Api.stop, Worker.stop.');
    // OnStop hooks begin after stop() was called, so none can be waiting on it.
    expect(error.hint).toBe('make the pending hooks honour app.shutdownSignal, or raise shutdownTimeout.');
    expect(clock.now()).toBe(25_000);
    expect(calls).toEqual(['Api.stop@0', 'Worker.stop@0', 'Cache.stop@0', 'Cache.stopped@5']);
    expect(app.state).toBe('failed');
  });

  it('names a pending hook of one class provided under two tokens while the other instance has finished', async () => {
    const clock = new VirtualClock();
    @injectable()
    class Worker {
      constructor() {
        this.ms = Worker.count++ === 0 ? 10 : 100_000;
      }
      static count = 0;
      readonly ms: number;
      @OnStop() async stop() {
        await clock.sleep(this.ms);
      }
    }
    @Module({
      providers: [
        { provide: 'fast', useClass: Worker },
        { provide: 'slow', useClass: Worker },
      ],
    })
    class AppModule {}
    const app = await buildCoreApp(AppModule, { clock });
    await clock.run(app.start());

    const error = (await clock.run(app.stop()).catch((e: unknown) => e)) as ShutdownTimeoutError;

    expect(error.pending).toEqual(['Worker.stop']);
  });

  it('bounds the whole stop by the shutdownTimeout option', async () => {
    const clock = new VirtualClock();
    const { build } = services({ Db: { stop: 500 }, Api: { deps: ['Db'], stop: 500 } }, clock);
    const app = await build({ shutdownTimeout: 800 });
    await clock.run(app.start());

    const error = (await clock.run(app.stop()).catch((e: unknown) => e)) as ShutdownTimeoutError;

    expect(error.pending).toEqual(['Db.stop']);
    expect(clock.now()).toBe(800);
  });

  it('shares one promise between concurrent calls and runs each hook once', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services({ Db: { stop: 10 }, Api: { deps: ['Db'], stop: 10 } }, clock);
    const app = await build();
    await clock.run(app.start());

    const first = app.stop();
    const second = app.stop();
    await clock.run(Promise.all([first, second]));

    expect(second).toBe(first);
    expect(calls).toEqual(['Api.stop@0', 'Api.stopped@10', 'Db.stop@10', 'Db.stopped@20']);
    expect(app.stop()).toBe(first);
  });

  it('is a no-op before start', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services({ Db: { start: 1, stop: 1 } }, clock);
    const app = await build();

    await app.stop();

    expect([app.state, calls]).toEqual(['created', []]);
  });

  it('stops services that started while stop was called during start, and start rejects with START_ABORTED', async () => {
    const clock = new VirtualClock();
    const { build, calls } = services({ Db: { start: 10, stop: 1 }, Api: { deps: ['Db'], start: 10, stop: 1 } }, clock);
    const app = await build();

    const starting = app.start();
    const stopping = clock.sleep(5).then(() => app.stop());
    const [started, stopped] = await clock.run(Promise.allSettled([starting, stopping]));

    expect(started).toMatchObject({ status: 'rejected', reason: { code: 'START_ABORTED' } });
    expect(stopped.status).toBe('fulfilled');
    expect(calls).toEqual(['Db.start@0', 'Db.started@10', 'Db.stop@10', 'Db.stopped@11']);
    expect(app.state).toBe('stopped');
  });
});
