import { Writable } from 'node:stream';

export interface LineCollectorOptions {
  highWaterMark?: number;
  /** Acknowledge each chunk on a later turn of the event loop, like a slow disk. */
  slow?: boolean;
}

/**
 * A destination stream for tests: keeps every chunk as written and counts
 * writes made while it had asked for 'drain' (a logger ignoring backpressure).
 */
export class LineCollector extends Writable {
  readonly chunks: string[] = [];
  writesWhileNeedingDrain = 0;
  private readonly slow: boolean;

  constructor(options: LineCollectorOptions = {}) {
    super({ highWaterMark: options.highWaterMark ?? 16 * 1024, decodeStrings: false });
    this.slow = options.slow ?? false;
    const write = this.write.bind(this) as (chunk: unknown, ...rest: unknown[]) => boolean;
    this.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      if (this.writableNeedDrain) this.writesWhileNeedingDrain += 1;
      return write(chunk, ...rest);
    }) as Writable['write'];
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    if (this.slow) setImmediate(callback);
    else callback();
  }

  get text(): string {
    return this.chunks.join('');
  }

  /** Every complete line written so far, without the newline. */
  lines(): string[] {
    const lines = this.text.split('\n');
    lines.pop();
    return lines;
  }
}
