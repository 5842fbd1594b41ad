import { createWinstonLogger, type WinstonLoggerOptions } from '../../../src/logging/winston-logger';
import { LineCollector } from './line-collector';

function create(options: Partial<WinstonLoggerOptions> = {}) {
  const destination = new LineCollector();
  const log = createWinstonLogger({
    level: 'debug',
    format: 'simple',
    dateFormat: 'ISO',
    buffering: false,
    bufferSize: 1024,
    flushInterval: 200,
    destination,
    ...options,
  });
  return { log, destination };
}

describe('level', () => {
  it.each([
    ['error', ['error: e']],
    ['warn', ['error: e', 'warn: w']],
    ['info', ['error: e', 'warn: w', 'info: i']],
    ['debug', ['error: e', 'warn: w', 'info: i', 'debug: d']],
  ] as const)('at %s writes only records at least that severe', async (level, expected) => {
    const { log, destination } = create({ level });
    log.error('e');
    log.warn('w');
    log.info('i');
    log.debug('d');
    await log.close();
    expect(destination.lines()).toEqual(expected);
  });

  it('applies to children too', async () => {
    const { log, destination } = create({ level: 'warn' });
    const child = log.child({ component: 'db' });
    child.info('dropped');
    child.warn('kept');
    await log.close();
    expect(destination.lines()).toEqual(['warn: kept {"component":"db"}']);
  });

  it('rejects an unknown level', () => {
    expect(() => create({ level: 'verbose' as never })).toThrow(/Unknown log level "verbose"/);
  });
});

describe('child', () => {
  it('merges its meta into every record; the call meta wins on a clash', async () => {
    const { log, destination } = create({ format: 'json' });
    const request = log.child({ requestId: 'r1', component: 'http' });
    const query = request.child({ component: 'db' });
    request.info('start');
    query.info('query', { table: 'users' });
    query.info('override', { requestId: 'r2' });
    await log.close();
    const records = destination.lines().map((line) => JSON.parse(line));
    expect(records.map(({ timestamp: _timestamp, ...rest }: Record<string, unknown>) => rest)).toEqual([
      { level: 'info', message: 'start', requestId: 'r1', component: 'http' },
      { level: 'info', message: 'query', requestId: 'r1', component: 'db', table: 'users' },
      { level: 'info', message: 'override', requestId: 'r2', component: 'db' },
    ]);
  });

  it('does not change the parent or siblings', async () => {
    const { log, destination } = create();
    log.child({ a: 1 });
    const b = log.child({ b: 2 });
    b.info('from b');
    log.info('from root');
    await log.close();
    expect(destination.lines()).toEqual(['info: from b {"b":2}', 'info: from root']);
  });

  it('shares the parent buffer, so records keep their order across children', async () => {
    const { log, destination } = create({ buffering: true, bufferSize: 4 });
    const a = log.child({ who: 'a' });
    const b = log.child({ who: 'b' });
    a.info('1');
    log.info('2');
    b.info('3');
    a.info('4');
    await log.close();
    expect(destination.chunks).toEqual(['info: 1 {"who":"a"}\ninfo: 2\ninfo: 3 {"who":"b"}\ninfo: 4 {"who":"a"}\n']);
  });

  it('has no close of its own: only the root closes the shared outputs', () => {
    const { log } = create();
    expect(log.child({ a: 1 }).close).toBeUndefined();
    expect(typeof log.close).toBe('function');
  });
});

describe('errorDestination', () => {
  it('receives the error records; everything else goes to the destination', async () => {
    const errors = new LineCollector();
    const { log, destination } = create({ errorDestination: errors, buffering: true });
    log.info('one');
    log.error('two');
    log.warn('three');
    await log.close();
    expect(destination.lines()).toEqual(['info: one', 'warn: three']);
    expect(errors.lines()).toEqual(['error: two']);
  });
});

describe('options', () => {
  it.each([0, -1, 1.5, Number.NaN])('rejects bufferSize %p', (bufferSize) => {
    expect(() => create({ bufferSize })).toThrow(/Invalid log buffer size/);
  });

  it.each([-1, Number.POSITIVE_INFINITY])('rejects flushInterval %p', (flushInterval) => {
    expect(() => create({ flushInterval })).toThrow(/Invalid log flush interval/);
  });
});
