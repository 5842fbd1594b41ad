import 'reflect-metadata';
import { Module } from '../../../src/module/module-decorator';
import { createTestingApp } from '../../../src/testing/create-testing-app';
import { FakeClock } from '../../../src/testing/fake-clock';

describe('FakeClock', () => {
  it('runs due timers in time order, same-time timers in the order they were set, and none that are not due', () => {
    const clock = new FakeClock();
    const calls: string[] = [];
    clock.setTimeout(() => calls.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => calls.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => calls.push(`c@${clock.now()}`), 20);
    clock.setTimeout(() => calls.push(`late@${clock.now()}`), 31);
    clock.tick(30);
    expect([calls, clock.now(), clock.pendingTimers]).toEqual([['a@10', 'b@20', 'c@20'], 30, 1]);
  });

  it('never runs a cleared timer', () => {
    const clock = new FakeClock();
    const calls: string[] = [];
    const handle = clock.setTimeout(() => calls.push('cleared'), 5);
    clock.setTimeout(() => calls.push('kept'), 5);
    clock.clearTimeout(handle);
    clock.tick(10);
    expect(calls).toEqual(['kept']);
  });

  it('tickAsync lets promises settle between timers, so async work can set the next timer within the same tick', async () => {
    const clock = new FakeClock();
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const calls: number[] = [];
    void (async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(100);
        calls.push(clock.now());
      }
    })();
    await clock.tickAsync(250);
    expect(calls).toEqual([100, 200]);
    await clock.tickAsync(50);
    expect(calls).toEqual([100, 200, 300]);
  });

  it('tick does not wait for promises: a timer set from a then() is not run in that tick', async () => {
    const clock = new FakeClock();
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const calls: number[] = [];
    void sleep(10).then(() => sleep(10).then(() => calls.push(clock.now())));
    clock.tick(30);
    await Promise.resolve();
    expect(calls).toEqual([]);
  });

  it('keeps a wall clock that starts at the given date and advances with the ticks', async () => {
    const clock = new FakeClock({ date: '2026-03-29T00:59:00Z' });
    await clock.tickAsync(90_000);
    expect([clock.date().toISOString(), clock.now()]).toEqual(['2026-03-29T01:00:30.000Z', 90_000]);
  });

  it('runUntil jumps from timer to timer until the promise settles, and names a deadlock', async () => {
    const clock = new FakeClock();
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    clock.setTimeout(() => undefined, 60_000);
    const value = await clock.runUntil(sleep(100).then(() => sleep(250).then(() => clock.now())));
    const stuck = clock.runUntil(new Promise(() => undefined));
    await expect(stuck).rejects.toThrow('FakeClock: the promise waits on nothing the clock controls (deadlock)');
    expect([value, clock.now()]).toEqual([350, 60_000]);
  });

  it('rejects an invalid start date', () => {
    expect(() => new FakeClock({ date: 'not a date' })).toThrow('FakeClock: invalid start date not a date');
  });

  it('stops a timer that re-arms itself at 0 ms forever instead of hanging', () => {
    const clock = new FakeClock();
    const again = () => void clock.setTimeout(again, 0);
    again();
    expect(() => clock.tick(1)).toThrow(/more than 100000 timers in one tick/);
  });
});

describe('createTestingApp with a FakeClock', () => {
  @Module({ providers: [] })
  class EmptyModule {}

  it('exposes the clock it was given as testing.clock, and the application runs on it', async () => {
    const clock = new FakeClock();
    const testing = createTestingApp(EmptyModule, { clock });
    const app = await testing.compile();
    await clock.tickAsync(42);
    expect([testing.clock === clock, app.clock.now()]).toEqual([true, 42]);
  });

  it('says how to get one when none was given', () => {
    expect(() => createTestingApp(EmptyModule).clock).toThrow(
      'testing.clock: no FakeClock was given.\nHint: pass one: createTestingApp(AppModule, { clock: new FakeClock() }).',
    );
  });
});
