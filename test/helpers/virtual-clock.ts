import { FakeClock } from '../../src/testing/fake-clock';

/**
 * Logical time for lifecycle tests: nothing waits for real time. `run()` drives a
 * promise to completion, flushing all pending work before each jump to the next timer,
 * so a timestamp is exactly the sum of the delays on the path that led to it.
 * keel/testing's FakeClock with the two helpers these tests use.
 */
export class VirtualClock extends FakeClock {
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  run<T>(promise: Promise<T>): Promise<T> {
    return this.runUntil(promise);
  }
}
