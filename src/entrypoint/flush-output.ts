import type { Logger } from '../logging/logger';

/**
 * Closes the logger (which flushes it) and waits until stdout and stderr have
 * handed every queued byte to the OS, so that process.exit() right after loses
 * nothing. Bounded by `limitMs`, because a reader that never reads must not
 * keep a dying process alive; then it says on stderr how many lines are lost.
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
  const finished = await Promise.race([work.then(() => true), limit.then(() => false)]);
  clearTimeout(timer);
  const lost = finished ? 0 : (logger?.unwritten?.() ?? 0);
  // A reader that never reads (an unread pipe) must not pass for a clean exit.
  if (lost > 0)
    process.stderr.write(`keel: ${lost} log line(s) were not written within ${limitMs} ms (is anything reading stdout?) and are lost.\n`);
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
