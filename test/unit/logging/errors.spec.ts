import type { Logger } from '../../../src/logging/logger';
import { createWinstonLogger, type WinstonLoggerOptions } from '../../../src/logging/winston-logger';
import { LineCollector } from './line-collector';

async function render(format: WinstonLoggerOptions['format'], write: (log: Logger) => void): Promise<string> {
  const destination = new LineCollector();
  const log = createWinstonLogger({
    level: 'debug',
    format,
    dateFormat: 'ISO',
    buffering: false,
    bufferSize: 1024,
    flushInterval: 200,
    destination,
  });
  write(log);
  await log.close();
  return destination.text;
}

function boom(): Error & { code: string } {
  return Object.assign(new Error('boom', { cause: new TypeError('inner') }), { code: 'E_BOOM' });
}

describe('errors in json', () => {
  it('renders an Error in meta as { name, message, stack, code, cause }', async () => {
    const error = boom();
    const record = JSON.parse(await render('json', (log) => log.error('failed', { error, requestId: 7 })));
    expect(record.error).toEqual({
      name: 'Error',
      message: 'boom',
      stack: error.stack,
      code: 'E_BOOM',
      cause: { name: 'TypeError', message: 'inner', stack: (error.cause as Error).stack },
    });
    expect(record.requestId).toBe(7);
  });

  it('renders an Error given as the message as its text plus an `error` key with the stack', async () => {
    const error = new RangeError('out of range');
    const record = JSON.parse(await render('json', (log) => (log.error as (message: unknown) => void)(error)));
    expect(record.message).toBe('out of range');
    expect(record.error).toEqual({ name: 'RangeError', message: 'out of range', stack: error.stack });
  });

  it('keeps an Error passed as the whole meta under `error`', async () => {
    const error = new Error('whole');
    const record = JSON.parse(await render('json', (log) => log.warn('failed', error as never)));
    expect(record.error.stack).toBe(error.stack);
  });

  it('renders Errors nested in meta', async () => {
    const error = new Error('deep');
    const record = JSON.parse(await render('json', (log) => log.info('nested', { context: { attempts: [{ error }] } })));
    expect(record.context.attempts[0].error).toEqual({ name: 'Error', message: 'deep', stack: error.stack });
  });
});

describe('errors in text formats', () => {
  it.each(['plain', 'simple', 'color'] as const)('%s writes the stack on the lines after the record', async (format) => {
    const error = new Error('boom');
    const text = await render(format, (log) => log.error('failed', { error, requestId: 7 }));
    const [first, ...rest] = text.split('\n');
    expect(first).toContain('failed');
    expect(first).not.toContain('boom');
    expect(rest.join('\n')).toBe(`${error.stack}\n`);
  });

  it('simple writes the other meta on the record line and the error fields after the stack', async () => {
    const error = boom();
    const text = await render('simple', (log) => log.error('failed', { error, requestId: 7 }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('error: failed {"requestId":7}');
    expect(text).toContain(error.stack!.split('\n').slice(0, 2).join('\n'));
    expect(text).toContain("code: 'E_BOOM'");
    expect(text).toContain('[cause]: TypeError: inner');
  });
});

describe('errors in logfmt', () => {
  it('keeps the record on one line with the stack escaped', async () => {
    const error = boom();
    const text = await render('logfmt', (log) => log.error('failed', { error }));
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    expect(text).toContain(`error.name=Error error.message=boom error.stack=${JSON.stringify(error.stack)} error.code=E_BOOM`);
    expect(text).toContain('error.cause.name=TypeError error.cause.message=inner');
  });
});

describe('circular meta', () => {
  function circular(): Record<string, unknown> {
    const node: Record<string, unknown> = { name: 'a' };
    node['self'] = node;
    node['list'] = [node];
    return node;
  }

  it('json marks the cycle and still writes the record', async () => {
    const record = JSON.parse(await render('json', (log) => log.info('loop', { node: circular() })));
    expect(record.node).toEqual({ name: 'a', self: '[Circular]', list: ['[Circular]'] });
  });

  it('marks a cycle through an Error', async () => {
    const error = new Error('cyclic') as Error & { owner?: unknown };
    error.owner = { error };
    const record = JSON.parse(await render('json', (log) => log.error('loop', { error })));
    expect(record.error.owner).toEqual({ error: '[Circular]' });
  });

  it('repeated but acyclic references are written in full', async () => {
    const shared = { id: 1 };
    const record = JSON.parse(await render('json', (log) => log.info('twice', { a: shared, b: shared, big: 1n })));
    expect(record).toMatchObject({ a: { id: 1 }, b: { id: 1 }, big: '1' });
  });

  it.each(['simple', 'color', 'logfmt', 'plain'] as const)('%s does not throw', async (format) => {
    const text = await render(format, (log) => log.info('loop', { node: circular() }));
    expect(text.split('\n')[0]).toContain('loop');
  });
});
