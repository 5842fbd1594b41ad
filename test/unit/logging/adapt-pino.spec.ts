import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { adaptPino } from '../../../src/logging/adapt-pino';

/** A pino logger writing plain JSON lines (no time, pid or hostname) into `lines`. */
function capture(options: pino.LoggerOptions = {}) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ base: undefined, timestamp: false, ...options }, stream) };
}

describe('adaptPino', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'keel-pino-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns keel’s (message, meta) into pino’s (meta, message): the meta are fields of the line', () => {
    const { lines, logger } = capture();
    adaptPino(logger).info('listening', { port: 8080 });
    expect(lines).toEqual([{ level: 30, port: 8080, msg: 'listening' }]);
  });

  it('makes children pino children: every line carries their bindings, merged down the chain', () => {
    const { lines, logger } = capture();
    const log = adaptPino(logger);
    log.child({ service: 'Database' }).child({ pool: 2 }).warn('slow query', { ms: 250 });
    log.error('no bindings here');
    expect(lines).toEqual([
      { level: 40, service: 'Database', pool: 2, ms: 250, msg: 'slow query' },
      { level: 50, msg: 'no bindings here' },
    ]);
  });

  it('keeps an Error whole (name, message, stack), given under a key or as the meta itself', () => {
    const { lines, logger } = capture();
    const log = adaptPino(logger);
    log.error('query failed', { error: Object.assign(new Error('connection reset'), { code: 'ECONNRESET' }) });
    (log.error as (message: string, meta: unknown) => void)('from JavaScript', new TypeError('bad input'));
    expect(lines.map((line) => line['error'])).toEqual([
      { name: 'Error', message: 'connection reset', code: 'ECONNRESET', stack: expect.stringContaining('connection reset') },
      { name: 'TypeError', message: 'bad input', stack: expect.stringContaining('bad input') },
    ]);
  });

  it('leaves the level to pino', () => {
    const { lines, logger } = capture({ level: 'warn' });
    const log = adaptPino(logger);
    log.debug('hidden');
    log.info('hidden too');
    log.warn('shown');
    expect(lines.map((line) => line['msg'])).toEqual(['shown']);
  });

  it('close() writes every buffered line of a pino.destination() file, ends it, and drops later records', async () => {
    const file = path.join(dir, 'app.log');
    const destination = pino.destination({ dest: file, minLength: 8192, sync: false });
    const log = adaptPino(pino({ base: undefined }, destination));
    for (let i = 0; i < 2000; i++) log.info(`line ${i}`);
    const closing = log.close();
    log.info('after close');
    await closing;
    await log.close(); // idempotent
    const messages = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect([messages.length, messages.at(-1), (destination as unknown as { destroyed: boolean }).destroyed]).toEqual([
      2000,
      'line 1999',
      true,
    ]);
  });

  it('close() ends a pino.transport() worker once its lines are written', async () => {
    const file = path.join(dir, 'transport.log');
    const transport = pino.transport({ target: 'pino/file', options: { destination: file } });
    const log = adaptPino(pino({ base: undefined }, transport));
    for (let i = 0; i < 100; i++) log.info(`line ${i}`);
    await log.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect([
      lines.length,
      (JSON.parse(lines.at(-1)!) as { msg: string }).msg,
      (transport as unknown as { closed: boolean }).closed,
    ]).toEqual([100, 'line 99', true]);
  });

  it('never ends process.stdout', async () => {
    const log = adaptPino(pino({ level: 'silent' }, process.stdout));
    await log.close();
    expect(process.stdout.writableEnded).toBe(false);
  });
});
