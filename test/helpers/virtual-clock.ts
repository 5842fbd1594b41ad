import type { Clock } from '../../src/lifecycle/clock';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * Logical time for lifecycle tests: nothing waits for real time. `run()` drives a
 * promise to completion, flushing all pending work before each jump to the next timer,
 * so a timestamp is exactly the sum of the delays on the path that led to it.
 */
export class VirtualClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.time + ms, seq: this.seq++, callback };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return promise;
      if (this.timers.length === 0) throw new Error('VirtualClock: the promise waits on nothing the clock controls (deadlock)');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.time = next.at;
      next.callback();
    }
  }
}
