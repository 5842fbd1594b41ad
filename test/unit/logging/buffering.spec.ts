import { createWinstonLogger, type WinstonLoggerOptions } from '../../../src/logging/winston-logger';
import { LineCollector } from './line-collector';

function create(options: Partial<WinstonLoggerOptions> = {}) {
  const destination = new LineCollector();
  const log = createWinstonLogger({
    level: 'debug',
    format: 'plain',
    dateFormat: 'ISO',
    buffering: true,
    bufferSize: 3,
    flushInterval: 200,
    destination,
    ...options,
  });
  return { log, destination };
}

/** Lets the winston pipeline and stream callbacks run without advancing fake time. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('with buffering', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('writes nothing until bufferSize records are waiting, then all of them as one chunk', async () => {
    const { log, destination } = create();
    log.info('a');
    log.info('b');
    await settle();
    expect(destination.chunks).toEqual([]);
    log.info('c');
    await settle();
    expect(destination.chunks).toEqual(['a\nb\nc\n']);
    await log.close();
  });

  it('writes what is waiting flushInterval ms after the first record, not before', async () => {
    const { log, destination } = create({ flushInterval: 200 });
    log.info('a');
    jest.advanceTimersByTime(150);
    log.info('b');
    jest.advanceTimersByTime(49);
    await settle();
    expect(destination.chunks).toEqual([]);
    jest.advanceTimersByTime(1);
    await settle();
    expect(destination.chunks).toEqual(['a\nb\n']);
    await log.close();
  });

  it('starts a new interval for the next record after a flush', async () => {
    const { log, destination } = create({ flushInterval: 100 });
    log.info('a');
    jest.advanceTimersByTime(100);
    log.info('b');
    jest.advanceTimersByTime(99);
    await settle();
    expect(destination.chunks).toEqual(['a\n']);
    jest.advanceTimersByTime(1);
    await settle();
    expect(destination.chunks).toEqual(['a\n', 'b\n']);
    await log.close();
  });

  it('does not count records below the level', async () => {
    const { log, destination } = create({ level: 'info' });
    log.info('a');
    log.debug('hidden');
    log.debug('hidden');
    await settle();
    expect(destination.chunks).toEqual([]);
    await log.close();
    expect(destination.chunks).toEqual(['a\n']);
  });
});

describe('flush timer', () => {
  it("never keeps the process alive (it is unref'd)", async () => {
    const { log, destination } = create({ flushInterval: 60_000 });
    const timersBefore = process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    log.info('waiting');
    const timersAfter = process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    expect(timersAfter).toBe(timersBefore);
    await log.close();
    expect(destination.text).toBe('waiting\n');
  });
});

describe('without buffering', () => {
  it('writes each record at once, as its own chunk', async () => {
    const { log, destination } = create({ buffering: false });
    log.info('a');
    await settle();
    expect(destination.chunks).toEqual(['a\n']);
    log.info('b');
    await settle();
    expect(destination.chunks).toEqual(['a\n', 'b\n']);
    await log.close();
  });
});

describe('backpressure', () => {
  it.each([true, false])('buffering %p: never writes while the destination waits for drain, and loses nothing', async (buffering) => {
    const destination = new LineCollector({ highWaterMark: 1, slow: true });
    const log = createWinstonLogger({
      level: 'info',
      format: 'plain',
      dateFormat: 'ISO',
      buffering,
      bufferSize: 10,
      flushInterval: 5,
      destination,
    });
    for (let i = 0; i < 1000; i += 1) {
      log.info(String(i));
      if (i % 100 === 0) await settle();
    }
    await log.close();
    expect(destination.writesWhileNeedingDrain).toBe(0);
    expect(destination.lines()).toEqual(Array.from({ length: 1000 }, (_, i) => String(i)));
  });
});
