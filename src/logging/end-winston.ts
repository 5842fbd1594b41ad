import type winston from 'winston';

/**
 * Ends a winston logger and resolves once the logger and every one of its
 * transports has emitted 'finish'. Records still queued inside the logger are
 * first let through to the transports: winston ends its transports as soon as
 * its own input is consumed, so a slow transport would otherwise be ended with
 * records still queued for it, and lose them. A stream that errors counts as
 * done: closing must not hang on a broken output.
 */
export async function endWinston(logger: winston.Logger): Promise<void> {
  await waitUntilQueuesEmpty(logger);
  const streams: NodeJS.WritableStream[] = [logger, ...logger.transports];
  const finished = streams.map(waitForFinish);
  if (!isEnded(logger)) logger.end();
  await Promise.all(finished);
}

interface StreamState {
  _writableState?: { ended?: boolean; finished?: boolean };
  writableEnded?: boolean;
  writableFinished?: boolean;
  readableLength?: number;
  writableLength?: number;
}

// Nothing signals "the logger's queues are empty", so poll: every turn at first,
// then backing off to 50 ms so a slow transport does not keep a core busy.
// With transports that never push back (keel's own) this returns at once.
async function waitUntilQueuesEmpty(logger: winston.Logger): Promise<void> {
  const state = logger as unknown as StreamState;
  let delay = 0;
  while (!isEnded(logger) && ((state.readableLength ?? 0) > 0 || (state.writableLength ?? 0) > 0)) {
    await new Promise<void>((resolve) => (delay === 0 ? setImmediate(resolve) : setTimeout(resolve, delay)));
    delay = Math.min(delay === 0 ? 1 : delay * 2, 50);
  }
}

function isEnded(stream: object): boolean {
  const s = stream as StreamState;
  return s.writableEnded === true || s._writableState?.ended === true;
}

function isFinished(stream: object): boolean {
  const s = stream as StreamState;
  return s.writableFinished === true || s._writableState?.finished === true;
}

function waitForFinish(stream: NodeJS.WritableStream): Promise<void> {
  if (isFinished(stream)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('finish', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('finish', done);
    stream.on('error', done);
  });
}
