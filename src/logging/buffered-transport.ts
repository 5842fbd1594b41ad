import { Transport as TransportStream } from './winston-parts';
import type { BufferedWriter } from './buffered-writer';
import { LEVEL, MESSAGE, type WinstonInfo } from './winston-info';

export interface BufferedTransportOptions {
  output: BufferedWriter;
  /** Where `error` records go instead of `output`, when given. */
  errorOutput?: BufferedWriter | undefined;
}

/**
 * The winston transport of keel's own logger: takes the line the format left in
 * info[MESSAGE] and appends it to a BufferedWriter, acknowledging at once so
 * winston never queues records (backpressure is handled per chunk by the
 * writer). Its 'finish' is delayed until every writer has written everything.
 */
export class BufferedTransport extends TransportStream {
  private readonly output: BufferedWriter;
  private readonly errorOutput: BufferedWriter | undefined;

  constructor(options: BufferedTransportOptions) {
    super();
    this.output = options.output;
    this.errorOutput = options.errorOutput;
  }

  override log(info: WinstonInfo, next: () => void): void {
    const writer = this.errorOutput !== undefined && info[LEVEL] === 'error' ? this.errorOutput : this.output;
    writer.write(info[MESSAGE] + '\n');
    next();
  }

  /** Writes out what the writers hold now, without waiting. */
  flush(): void {
    this.output.flush();
    this.errorOutput?.flush();
  }

  /** Lines taken but not yet handed to the OS, over both writers. */
  unwritten(): number {
    return this.output.unwritten() + (this.errorOutput?.unwritten() ?? 0);
  }

  /** Resolves when both writers have written everything they were given. */
  async drain(): Promise<void> {
    await Promise.all([this.output.close(), this.errorOutput?.close()]);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.drain().then(() => callback(), callback);
  }
}
