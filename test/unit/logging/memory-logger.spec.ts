import { MemoryLogger } from '../../../src/testing/memory-logger';

describe('MemoryLogger', () => {
  it('keeps every record of every level in order, with its meta', () => {
    const log = new MemoryLogger();
    log.debug('d');
    log.info('i', { a: 1 });
    log.warn('w');
    log.error('e', { code: 'X' });
    expect(log.records).toEqual([
      { level: 'debug', message: 'd', meta: {} },
      { level: 'info', message: 'i', meta: { a: 1 } },
      { level: 'warn', message: 'w', meta: {} },
      { level: 'error', message: 'e', meta: { code: 'X' } },
    ]);
  });

  it('lines() returns the messages, of one level or all', () => {
    const log = new MemoryLogger();
    log.info('one');
    log.error('two');
    log.info('three');
    expect(log.lines()).toEqual(['one', 'two', 'three']);
    expect(log.lines('info')).toEqual(['one', 'three']);
    expect(log.lines('debug')).toEqual([]);
  });

  it('a child writes into the shared records with merged meta; call meta wins', () => {
    const log = new MemoryLogger();
    const request = log.child({ requestId: 'r1', component: 'http' });
    request.child({ component: 'db' }).info('query', { table: 't' });
    request.info('done', { requestId: 'r2' });
    expect(log.records).toEqual([
      { level: 'info', message: 'query', meta: { requestId: 'r1', component: 'db', table: 't' } },
      { level: 'info', message: 'done', meta: { requestId: 'r2', component: 'http' } },
    ]);
    expect(request.lines()).toEqual(['query', 'done']);
  });

  it('clear() forgets the records of the parent and every child', () => {
    const log = new MemoryLogger();
    const child = log.child({ a: 1 });
    log.info('x');
    child.info('y');
    child.clear();
    expect(log.records).toEqual([]);
    child.info('z');
    expect(log.lines()).toEqual(['z']);
  });

  it('keeps an Error passed as the whole meta under `error`', () => {
    const log = new MemoryLogger();
    const error = new Error('boom');
    log.error('failed', error as never);
    expect(log.records[0]?.meta).toEqual({ error });
  });

  it('drops records after close, like every keel logger', async () => {
    const log = new MemoryLogger();
    const child = log.child({ a: 1 });
    log.info('before');
    await log.close();
    log.info('after');
    child.error('after');
    expect(log.closed).toBe(true);
    expect(log.lines()).toEqual(['before']);
  });
});
