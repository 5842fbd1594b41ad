import { MemoryLogger } from '../../../src/testing/memory-logger';

/** keel's own line, two services' lines (one through a grandchild), in this order. */
function sampleLog(): MemoryLogger {
  const root = new MemoryLogger();
  const keel = root.child({ component: 'keel' });
  const db = root.child({ service: 'Database' });
  const api = root.child({ service: 'Api' });
  keel.info('started 2 services in 3 ms');
  db.warn('slow query', { ms: 250 });
  api.child({ request: 7 }).error('request failed: timeout', { path: '/orders' });
  db.info('connected');
  api.debug('GET /orders 200');
  return root;
}

describe('MemoryLogger search', () => {
  it('filters by level, one or several, in the order logged', () => {
    const log = sampleLog();
    expect([log.lines('warn'), log.lines({ level: ['error', 'warn'] })]).toEqual([
      ['slow query'],
      ['slow query', 'request failed: timeout'],
    ]);
  });

  it('filters by service, including the records of a service’s own children', () => {
    expect(sampleLog().lines({ service: 'Api' })).toEqual(['request failed: timeout', 'GET /orders 200']);
  });

  it('matches text as a substring or a RegExp (a /g one as well, on every call)', () => {
    const log = sampleLog();
    const global = /orders/g;
    expect([
      log.lines({ text: 'connect' }),
      log.lines({ text: /^GET \/\w+ 2\d\d$/ }),
      log.filter({ text: global }).length,
      log.filter({ text: global }).length,
    ]).toEqual([['connected'], ['GET /orders 200'], 1, 1]);
  });

  it('combines criteria with meta equality; find() returns the first match and has() whether there is one', () => {
    const log = sampleLog();
    expect([
      log.find({ service: 'Api', level: 'error' }),
      log.has({ service: 'Database', meta: { ms: 250 } }),
      log.has({ service: 'Database', meta: { ms: 251 } }),
      log.find({ meta: { component: 'keel' }, text: 'started' })?.level,
    ]).toEqual([
      { level: 'error', message: 'request failed: timeout', meta: { service: 'Api', request: 7, path: '/orders' } },
      true,
      false,
      'info',
    ]);
  });

  it('filter() with no query returns every record', () => {
    expect(sampleLog().filter()).toHaveLength(5);
  });
});
