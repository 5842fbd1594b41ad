import type { Clock } from './clock';

/**
 * Watches the deadlines of hooks in flight with a single timer armed for the
 * earliest one, so a thousand concurrent hooks cost one timer, not a thousand.
 */
export class Deadlines {
  private readonly pending = new Map<object, { at: number; expire: () => void }>();
  private timer: unknown;
  private armedAt = Infinity;

  constructor(private readonly clock: Clock) {}

  /** Calls `expire` once `ms` have passed, unless clear(key) runs first. */
  watch(key: object, ms: number, expire: () => void): void {
    const at = this.clock.now() + ms;
    this.pending.set(key, { at, expire });
    if (at < this.armedAt) this.arm(at);
  }

  clear(key: object): void {
    this.pending.delete(key);
    if (this.pending.size === 0) this.disarm();
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
    // Timers may fire a hair early against performance.now(); a 1 ms tolerance avoids a spin.
    const now = this.clock.now() + 1;
    let next = Infinity;
    for (const [key, entry] of this.pending) {
      if (entry.at <= now) {
        this.pending.delete(key);
        entry.expire();
      } else {
        next = Math.min(next, entry.at);
      }
    }
    if (next !== Infinity) this.arm(next);
  }
}
