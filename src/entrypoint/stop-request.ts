/**
 * Why a supervised process stops: the first reason asked for wins, and the first
 * error reported (an unhandled error, main throwing) makes the ending a failure,
 * even when it arrives while the stop is already under way.
 */
export class StopRequest {
  /** Resolves with the first reason, the moment something asks to stop. */
  readonly asked: Promise<string>;
  private resolveAsked!: (reason: string) => void;
  private firstReason: string | undefined;
  private failure: { error: unknown } | undefined;

  constructor() {
    this.asked = new Promise((resolve) => {
      this.resolveAsked = resolve;
    });
  }

  get reason(): string | undefined {
    return this.firstReason;
  }

  /** The first error reported, boxed so that `throw undefined` still counts. */
  get error(): { error: unknown } | undefined {
    return this.failure;
  }

  ask(reason: string): void {
    if (this.firstReason !== undefined) return;
    this.firstReason = reason;
    this.resolveAsked(reason);
  }

  fail(error: unknown, reason: string): void {
    this.failure ??= { error };
    this.ask(reason);
  }
}
