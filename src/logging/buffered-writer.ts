export interface BufferedWriterOptions {
  destination: NodeJS.WritableStream;
  /** false: every line is handed to the destination as it comes. */
  buffering: boolean;
  /** Lines kept before they are written as one chunk. */
  bufferSize: number;
  /** Longest time a line waits in the buffer, ms. */
  flushInterval: number;
}

/**
 * Collects finished lines and writes them to one destination stream, in order,
 * as few large chunks. A chunk goes out when bufferSize lines are waiting or
 * flushInterval ms after the first of them (an unref'd timer, so it never keeps
 * the process alive). While the destination asks for 'drain', chunks are held
 * and joined rather than piled into its buffer. A destination that fails is
 * given up: later lines are dropped, since logging must not crash the process.
 */
export class BufferedWriter {
  private readonly destination: NodeJS.WritableStream;
  private readonly buffering: boolean;
  private readonly bufferSize: number;
  private readonly flushInterval: number;
  private lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Chunks waiting for the destination's 'drain'. */
  private held: string[] = [];
  private waitingForDrain = false;
  /** Writes whose callback has not run yet, i.e. not yet handed to the OS. */
  private inFlight = 0;
  private failed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(options: BufferedWriterOptions) {
    this.destination = options.destination;
    this.buffering = options.buffering && options.bufferSize > 1;
    this.bufferSize = options.bufferSize;
    this.flushInterval = options.flushInterval;
    this.destination.on('error', this.onError);
  }

  /** Takes one finished line, including its newline. */
  write(line: string): void {
    if (!this.buffering) {
      this.emit(line);
      return;
    }
    this.lines.push(line);
    if (this.lines.length >= this.bufferSize) {
      this.flush();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(this.onTimer, this.flushInterval);
      this.timer.unref();
    }
  }

  /** Hands every buffered line to the destination now, as one chunk. */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.lines.length === 0) return;
    const chunk = this.lines.join('');
    this.lines = [];
    this.emit(chunk);
  }

  /**
   * Flushes, then resolves once every chunk has been written (each write's
   * callback ran, so nothing waits in the destination's buffer) or the
   * destination failed. Stops listening to the destination; never rejects.
   */
  async close(): Promise<void> {
    this.flush();
    if (!this.isIdle()) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.destination.off('error', this.onError);
  }

  private emit(chunk: string): void {
    if (this.failed) return;
    if (this.waitingForDrain) {
      this.held.push(chunk);
      return;
    }
    this.inFlight += 1;
    if (!this.destination.write(chunk, this.onWritten)) {
      this.waitingForDrain = true;
      this.destination.once('drain', this.onDrain);
    }
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && !this.waitingForDrain && this.lines.length === 0;
  }

  private settle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.flush();
  };

  private readonly onDrain = (): void => {
    this.waitingForDrain = false;
    if (this.held.length > 0) {
      const chunk = this.held.join('');
      this.held = [];
      this.emit(chunk);
    }
    this.settle();
  };

  private readonly onWritten = (error?: Error | null): void => {
    this.inFlight -= 1;
    if (error) this.fail();
    this.settle();
  };

  private readonly onError = (): void => {
    this.fail();
    this.settle();
  };

  private fail(): void {
    this.failed = true;
    this.held = [];
    this.lines = [];
    if (this.waitingForDrain) {
      this.waitingForDrain = false;
      this.destination.off('drain', this.onDrain);
    }
  }
}
