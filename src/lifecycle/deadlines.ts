import type { Clock } from './clock';

/**
 * Watches the deadlines of hooks in flight with a single timer armed for the
 * earliest one, so a thousand concurrent hooks cost one timer, not a thousand.
 * One `expire` for every key, given once: watching a hook allocates no closure.
 */
export class Deadlines<K extends object> {
  private readonly pending = new Map<K, number>();
  private timer: unknown;
  private armedAt = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly expire: (key: K) => void,
  ) {}

  /** Calls `expire(key)` once the clock reaches `at`, unless clear(key) runs first. */
  watch(key: K, at: number): void {
    this.pending.set(key, at);
    if (at < this.armedAt) this.arm(at);
  }

  /** Forgets `key`; false when it was not watched (or has expired already). */
  clear(key: K): boolean {
    if (!this.pending.delete(key)) return false;
    if (this.pending.size === 0) this.disarm();
    return true;
  }

  private arm(at: number): void {
    this.disarm();
    this.armedAt = at;
    this.timer = this.clock.setTimeout(() => this.fire(), Math.max(0, at - this.clock.now()));
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Infinity;
  }

  private fire(): void {
    this.timer = undefined;
    this.armedAt = Infinity;
    // Timers may fire a hair early against the monotonic clock (they run on whole ms); a 1 ms tolerance avoids a spin.
    const now = this.clock.now() + 1;
    let next = Infinity;
    for (const [key, at] of this.pending) {
      if (at <= now) {
        this.pending.delete(key);
        this.expire(key);
      } else {
        next = Math.min(next, at);
      }
    }
    if (next !== Infinity) this.arm(next);
  }
}
