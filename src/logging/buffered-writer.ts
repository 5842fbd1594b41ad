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
  /** Lines taken by write(), and lines whose write callback has run (handed to the OS). */
  private accepted = 0;
  private confirmed = 0;
  /** Line counts of the chunks held for 'drain' and of the writes in flight, oldest first. */
  private heldLines: number[] = [];
  private inFlightLines: number[] = [];
  private listening = false;
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
  }

  /** Lines taken but not yet handed to the OS: what would be lost if the process ended now. */
  unwritten(): number {
    return this.accepted - this.confirmed;
  }

  /** Takes one finished line, including its newline. */
  write(line: string): void {
    this.accepted += 1;
    if (!this.buffering) {
      this.emit(line, 1);
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
    const count = this.lines.length;
    this.lines = [];
    this.emit(chunk, count);
  }

  /**
   * Flushes, then resolves once every chunk has been written (each write's
   * callback ran, so nothing waits in the destination's buffer) or the
   * destination failed. Stops listening to the destination; never rejects.
   */
  async close(): Promise<void> {
    this.flush();
    if (!this.isIdle()) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.unlisten();
  }

  private emit(chunk: string, count: number): void {
    if (this.failed) return;
    if (this.waitingForDrain) {
      this.held.push(chunk);
      this.heldLines.push(count);
      return;
    }
    // Listened to only while a write is out: an idle writer holds nothing on a shared stream like stdout.
    if (!this.listening) {
      this.listening = true;
      this.destination.on('error', this.onError);
    }
    this.inFlight += 1;
    this.inFlightLines.push(count);
    if (!this.destination.write(chunk, this.onWritten)) {
      this.waitingForDrain = true;
      this.destination.once('drain', this.onDrain);
    }
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && !this.waitingForDrain && this.lines.length === 0;
  }

  private settle(): void {
    if (!this.isIdle()) return;
    // After a failure the stream may still emit 'error' (Node emits it after the callback): keep listening.
    if (!this.failed) this.unlisten();
    if (this.idleWaiters.length === 0) return;
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
      const count = this.heldLines.reduce((sum, n) => sum + n, 0);
      this.held = [];
      this.heldLines = [];
      this.emit(chunk, count);
    }
    this.settle();
  };

  private readonly onWritten = (error?: Error | null): void => {
    this.inFlight -= 1;
    const count = this.inFlightLines.shift() ?? 0;
    if (error) this.fail();
    else this.confirmed += count;
    this.settle();
  };

  private readonly onError = (): void => {
    this.fail();
    this.settle();
  };

  private unlisten(): void {
    if (!this.listening) return;
    this.listening = false;
    this.destination.off('error', this.onError);
  }

  private fail(): void {
    this.failed = true;
    this.held = [];
    this.heldLines = [];
    this.lines = [];
    if (this.waitingForDrain) {
      this.waitingForDrain = false;
      this.destination.off('drain', this.onDrain);
    }
  }
}
