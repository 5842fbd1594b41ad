import type { Clock } from '../lifecycle/clock';

interface FakeTimer {
  at: number;
  seq: number;
  callback: () => void;
}

export interface FakeClockOptions {
  /** The wall-clock time at which the fake clock starts (what `date()` returns before any tick). Default: the Unix epoch. */
  date?: Date | string | number;
}

/** A timer callback that keeps re-arming itself at 0 ms would make a tick spin forever. */
const MAX_TIMERS_PER_TICK = 100_000;

/**
 * A Clock that moves only when a test moves it. Pass it as `clock` to
 * createApplication() or createTestingApp(); then `tickAsync(ms)` runs every
 * timer due within `ms`, earliest first (same time: in the order they were set),
 * and lets promises settle between timers, so a 5-minute job runs in
 * milliseconds. `date()` is a wall clock that advances with it (for @Cron).
 */
export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: FakeTimer[] = [];
  private readonly epoch: number;

  constructor(options: FakeClockOptions = {}) {
    this.epoch = options.date === undefined ? 0 : new Date(options.date).getTime();
    if (Number.isNaN(this.epoch)) throw new TypeError(`FakeClock: invalid start date ${String(options.date)}`);
  }

  now(): number {
    return this.time;
  }

  date(): Date {
    return new Date(this.epoch + this.time);
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer: FakeTimer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    const index = this.timers.indexOf(handle as FakeTimer);
    if (index >= 0) this.timers.splice(index, 1);
  }

  /** How many timers are waiting to fire (a finished test should leave none). */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Advances by `ms`, running due timers synchronously, in order. Promises do not
   * settle in between: use tickAsync() when timers start async work.
   */
  tick(ms: number): void {
    const target = this.time + ms;
    for (let fired = 0; ; fired++) {
      const timer = this.takeDue(target, fired);
      if (!timer) break;
      timer.callback();
    }
    this.time = target;
  }

  /**
   * Advances by `ms`, running due timers in order and letting pending promises
   * settle before each one and at the end, so async work started by a timer can
   * set the next timer within the same tick.
   */
  async tickAsync(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (let fired = 0; ; fired++) {
      const timer = this.takeDue(target, fired);
      if (!timer) break;
      timer.callback();
      await settle();
    }
    this.time = target;
    await settle();
  }

  /**
   * Jumps from timer to timer, letting promises settle before each, until
   * `promise` settles; resolves or rejects like it. Rejects when `promise` still
   * waits but no timer is left (it waits on something the clock does not control).
   */
  async runUntil<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await settle();
      if (settled) return promise;
      // Time moves on at each step here, so there is no cap as in a tick.
      const timer = this.takeDue(Infinity, 0);
      if (!timer) throw new Error('FakeClock: the promise waits on nothing the clock controls (deadlock)');
      timer.callback();
    }
  }

  /** Removes and returns the earliest timer due at or before `target`, moving the time to it. */
  private takeDue(target: number, fired: number): FakeTimer | undefined {
    let next: FakeTimer | undefined;
    for (const timer of this.timers)
      if (timer.at <= target && (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))) next = timer;
    if (!next) return undefined;
    if (fired >= MAX_TIMERS_PER_TICK)
      throw new Error(`FakeClock: more than ${MAX_TIMERS_PER_TICK} timers in one tick (a timer re-arming itself at 0 ms?)`);
    this.timers.splice(this.timers.indexOf(next), 1);
    this.time = next.at;
    return next;
  }
}

/** Lets every promise reaction queued so far (and those they queue) run: one macrotask turn. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
