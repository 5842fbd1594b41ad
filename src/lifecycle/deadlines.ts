import type { Clock } from './clock';

/** What Deadlines keeps on each watched key: its deadline, and whether it is still watched. */
export interface Watched {
  deadline: number;
  watched: boolean;
}

/**
 * Watches the deadlines of hooks in flight with a single timer armed for the
 * earliest one, so a thousand concurrent hooks cost one timer, not a thousand.
 * One `expire` for every key, given once: watching a hook allocates no closure.
 *
 * The keys carry their own deadline and watched flag, kept in a plain list rather
 * than a Map: every async hook of a start is watched (the default startTimeout)
 * and cleared a moment later, and a Map set + delete per hook (hashing each new
 * key, growing the table) costs several times a push and a field write. A
 * cleared key stays in the list until the next fire, or until the list empties.
 */
export class Deadlines<K extends Watched> {
  private readonly keys: K[] = [];
  /** How many keys of the list are still watched. */
  private count = 0;
  private timer: unknown;
  private armedAt = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly expire: (key: K) => void,
  ) {}

  /** Calls `expire(key)` once the clock reaches `at`, unless clear(key) runs first. */
  watch(key: K, at: number): void {
    key.deadline = at;
    key.watched = true;
    this.keys.push(key);
    this.count++;
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
    if (!key.watched) return false;
    key.watched = false;
    // Nothing watched is left: the cleared keys need not wait for the next fire to go.
    if (--this.count === 0) this.keys.length = 0;
    return true;
  }

  /** Stops watching: the phase is over (nothing watched is still due), so its timer must not hold the process open. */
  dispose(): void {
    for (const key of this.keys) key.watched = false;
    this.keys.length = 0;
    this.count = 0;
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
    // Take the list first: expire() may watch new keys (a stop hook's next hook).
    const keys = this.keys.splice(0);
    const expired: K[] = [];
    for (const key of keys) {
      if (!key.watched) continue;
      if (key.deadline <= due) {
        key.watched = false;
        this.count--;
        expired.push(key);
      } else {
        this.keys.push(key);
      }
    }
    for (const key of expired) this.expire(key);
    let next = Infinity;
    for (const key of this.keys) if (key.watched && key.deadline < next) next = key.deadline;
    if (next !== Infinity && next < this.armedAt) this.arm(next);
  }
}
