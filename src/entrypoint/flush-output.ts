import type { Logger } from '../logging/logger';

/**
 * Closes the logger (which flushes it) and waits until stdout and stderr have
 * handed every queued byte to the OS, so that process.exit() right after loses
 * nothing. Bounded by `limitMs`, because a reader that never reads must not
 * keep a dying process alive.
 */
export async function flushOutput(logger: Logger | undefined, limitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, limitMs);
    timer.unref();
  });
  const work = (async () => {
    try {
      await logger?.close?.();
    } catch (error) {
      process.stderr.write(`keel: closing the logger failed: ${String(error)}\n`);
    }
    await Promise.all([drain(process.stdout), drain(process.stderr)]);
  })();
  await Promise.race([work, limit]);
  clearTimeout(timer);
}

function drain(stream: NodeJS.WriteStream): Promise<void> {
  // Nothing queued: every byte written so far is with the OS. (No empty write either: a
  // wrapped write(), like Jest's reporter's, may drop its callback and hold exit to the limit.)
  if (stream.writableLength === 0) return Promise.resolve();
  if (!stream.writableNeedDrain) {
    // An empty write's callback runs once everything queued before it is flushed.
    return new Promise((resolve) => stream.write('', () => resolve()));
  }
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}
