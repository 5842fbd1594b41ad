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

  /**
   * Forgets `key`; false when it was not watched (or has expired already). The timer
   * stays armed even when nothing is left: a phase empties its watch list after every
   * wave of hooks and fills it again at once, and a timer cleared and set per wave is
   * two calls into Node's timer lists each time. A timer that fires with nothing due
   * just arms for the next deadline, or not at all; dispose() ends it with the phase.
   */
  clear(key: K): boolean {
    return this.pending.delete(key);
  }

  /** Stops watching: the phase is over (nothing watched is still due), so its timer must not hold the process open. */
  dispose(): void {
    this.pending.clear();
    this.disarm();
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
    const armedFor = this.armedAt;
    this.timer = undefined;
    this.armedAt = Infinity;
    // Timers may fire a hair early against the monotonic clock (they run on whole ms): the
    // deadline this timer was armed for counts as reached up to 1 ms early, which avoids a
    // spin. Only that one: the timer may have been armed for a hook that has since
    // settled (clear() leaves it), and a later deadline must not expire early through it.
    const now = this.clock.now();
    const due = Math.max(now, Math.min(now + 1, armedFor));
    let next = Infinity;
    for (const [key, at] of this.pending) {
      if (at <= due) {
        this.pending.delete(key);
        this.expire(key);
      } else {
        next = Math.min(next, at);
      }
    }
    if (next !== Infinity) this.arm(next);
  }
}
