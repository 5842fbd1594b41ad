import { DeferredLogger } from '../../../src/entrypoint/deferred-logger';
import type { LogLevel } from '../../../src/logging/logger';
import { MemoryLogger } from '../../../src/testing/memory-logger';

/** A DeferredLogger whose factory records each call and hands out one MemoryLogger. */
function deferred(level: LogLevel) {
  const created: string[] = [];
  const real = new MemoryLogger();
  const logger = DeferredLogger.create(level, () => {
    created.push('real logger created');
    return real;
  });
  return { logger, real, created };
}

describe('DeferredLogger', () => {
  describe('creation', () => {
    it('creates no real logger for records below its level', () => {
      const { logger, created } = deferred('warn');
      logger.info('not yet');
      logger.debug('nor this');
      logger.child({ service: 'Api' }).info('nor a child');
      expect(created).toEqual([]);
    });

    it('creates the real logger once, on the first record at or above its level, and writes that record', () => {
      const { logger, real, created } = deferred('info');
      logger.debug('dropped');
      logger.info('first');
      logger.error('second');
      logger.child({ service: 'Api' }).warn('third');
      expect([created, real.records.map((r) => `${r.level} ${r.message}`)]).toEqual([
        ['real logger created'],
        ['info first', 'error second', 'warn third'],
      ]);
    });

    it('honours each level threshold', () => {
      const written: string[] = [];
      for (const level of ['error', 'warn', 'info', 'debug'] as const) {
        const { logger, real } = deferred(level);
        logger.error('e');
        logger.warn('w');
        logger.info('i');
        logger.debug('d');
        written.push(`${level}: ${real.lines().join('')}`);
      }
      expect(written).toEqual(['error: e', 'warn: ew', 'info: ewi', 'debug: ewid']);
    });
  });

  describe('child', () => {
    it('merges meta into every record, child over parent, call meta over both', () => {
      const { logger, real } = deferred('debug');
      const api = logger.child({ service: 'Api', region: 'eu' });
      api.child({ region: 'us', request: 7 }).info('handled', { status: 200 });
      api.warn('slow', { region: 'ap' });
      expect(real.records.map((r) => r.meta)).toEqual([
        { service: 'Api', region: 'us', request: 7, status: 200 },
        { service: 'Api', region: 'ap' },
      ]);
    });

    it('shares one real logger between the root and all children', () => {
      const { logger, created } = deferred('info');
      logger.child({ a: 1 }).info('one');
      logger.child({ b: 2 }).info('two');
      logger.info('three');
      expect(created).toEqual(['real logger created']);
    });
  });

  describe('close', () => {
    it('closes the real logger when one was created', async () => {
      const { logger, real } = deferred('info');
      logger.info('hello');
      await logger.close();
      expect(real.closed).toBe(true);
    });

    it('creates nothing to close when nothing was logged at its level', async () => {
      const { logger, created } = deferred('error');
      logger.info('below');
      await logger.close();
      expect(created).toEqual([]);
    });

    it('creates no real logger for a record logged after close', async () => {
      const { logger, created } = deferred('info');
      await logger.close();
      logger.error('too late');
      logger.child({ service: 'Api' }).error('also too late');
      expect(created).toEqual([]);
    });
  });
});
