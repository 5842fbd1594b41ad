import { injectable } from 'inversify';

/** An in-process queue: producers push, one consumer takes items in order, waiting while it is empty. */
@injectable()
export class WorkQueue<T = string> {
  private readonly items: T[] = [];
  private waiter: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.waiter?.();
  }

  /** The next item, waiting for one; undefined once `signal` aborts. */
  async take(signal: AbortSignal): Promise<T | undefined> {
    while (this.items.length === 0) {
      if (signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiter = undefined;
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.waiter = wake;
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    return this.items.shift();
  }

  get length(): number {
    return this.items.length;
  }
}
