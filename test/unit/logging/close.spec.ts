import { Writable } from 'node:stream';
import { createWinstonLogger, type WinstonLoggerOptions } from '../../../src/logging/winston-logger';
import { LineCollector } from './line-collector';

function options(destination: NodeJS.WritableStream, overrides: Partial<WinstonLoggerOptions> = {}): WinstonLoggerOptions {
  return {
    level: 'info',
    format: 'plain',
    dateFormat: 'ISO',
    buffering: true,
    bufferSize: 1024,
    flushInterval: 200,
    destination,
    ...overrides,
  };
}

describe('close', () => {
  it.each([true, false])('buffering %p: resolves only once 10,000 records reached a slow destination, all in order', async (buffering) => {
    const destination = new LineCollector({ highWaterMark: 1, slow: true });
    const log = createWinstonLogger(options(destination, { buffering }));
    for (let i = 0; i < 10_000; i += 1) log.info(`line ${i}`);
    await log.close();
    expect(destination.writableLength).toBe(0);
    expect(destination.lines()).toEqual(Array.from({ length: 10_000 }, (_, i) => `line ${i}`));
  });

  it('writes records still waiting for the flush interval', async () => {
    const destination = new LineCollector();
    const log = createWinstonLogger(options(destination, { flushInterval: 60_000 }));
    log.info('waiting');
    log.child({ a: 1 }).info('child waiting');
    await log.close();
    expect(destination.lines()).toEqual(['waiting', 'child waiting']);
  });

  it('is idempotent: every call resolves, nothing is written twice', async () => {
    const destination = new LineCollector();
    const log = createWinstonLogger(options(destination));
    log.info('once');
    const first = log.close();
    const second = log.close();
    await Promise.all([first, second, log.close()]);
    await log.close();
    expect(destination.text).toBe('once\n');
  });

  it('drops records logged after close began, from the root and children, without throwing', async () => {
    const destination = new LineCollector();
    const log = createWinstonLogger(options(destination));
    const child = log.child({ a: 1 });
    log.info('before');
    const closing = log.close();
    log.error('during');
    await closing;
    expect(() => {
      log.info('after');
      child.error('child after');
    }).not.toThrow();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(destination.text).toBe('before\n');
  });

  it('leaves the destination open: its owner ends it', async () => {
    const destination = new LineCollector();
    const log = createWinstonLogger(options(destination));
    log.info('x');
    await log.close();
    expect(destination.writableEnded).toBe(false);
    expect(destination.listenerCount('error')).toBe(0);
    expect(destination.listenerCount('drain')).toBe(0);
  });

  it('flushes the error destination too', async () => {
    const destination = new LineCollector({ highWaterMark: 1, slow: true });
    const errors = new LineCollector({ highWaterMark: 1, slow: true });
    const log = createWinstonLogger(options(destination, { errorDestination: errors }));
    for (let i = 0; i < 500; i += 1) {
      log.info(`info ${i}`);
      log.error(`error ${i}`);
    }
    await log.close();
    expect(destination.lines()).toHaveLength(500);
    expect(errors.lines()).toEqual(Array.from({ length: 500 }, (_, i) => `error ${i}`));
  });

  it('resolves, and logging keeps not throwing, when the destination fails', async () => {
    const destination = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        setImmediate(() => callback(new Error('EPIPE')));
      },
    });
    const log = createWinstonLogger(options(destination, { buffering: false }));
    log.info('one');
    log.info('two');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(() => log.info('three')).not.toThrow();
    await expect(log.close()).resolves.toBeUndefined();
    expect(destination.destroyed).toBe(true);
  });
});
