import { createWinstonLogger, type WinstonLoggerOptions } from '../../../src/logging/winston-logger';
import { LineCollector } from './line-collector';

const NOW = new Date('2024-05-06T07:08:09.010Z');
const ISO = '2024-05-06T07:08:09.010Z';

async function render(
  format: WinstonLoggerOptions['format'],
  write: (log: ReturnType<typeof createWinstonLogger>) => void,
  dateFormat = 'ISO',
): Promise<string> {
  const destination = new LineCollector();
  const log = createWinstonLogger({
    level: 'debug',
    format,
    dateFormat,
    buffering: false,
    bufferSize: 1024,
    flushInterval: 200,
    destination,
  });
  write(log);
  await log.close();
  return destination.text;
}

beforeEach(() => {
  // Only the clock is fake: streams still need real ticks.
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
  });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('json format', () => {
  it('writes one object per line: timestamp, level, message, then meta in order', async () => {
    const text = await render('json', (log) => {
      log.info('hello', { requestId: 7, user: { name: 'ann' } });
      log.warn('no meta');
    });
    expect(text).toBe(
      `{"timestamp":"${ISO}","level":"info","message":"hello","requestId":7,"user":{"name":"ann"}}\n` +
        `{"timestamp":"${ISO}","level":"warn","message":"no meta"}\n`,
    );
  });

  it('keeps level and message when meta has keys of the same name', async () => {
    const text = await render('json', (log) => log.error('real', { level: 'debug', message: 'fake', other: true }));
    expect(JSON.parse(text)).toEqual({ timestamp: ISO, level: 'error', message: 'real', other: true });
  });

  it('formats the timestamp with a fecha pattern in local time', async () => {
    const text = await render('json', (log) => log.info('hello'), 'YYYY-MM-DD HH:mm:ss');
    const pad = (n: number): string => String(n).padStart(2, '0');
    const local = `${NOW.getFullYear()}-${pad(NOW.getMonth() + 1)}-${pad(NOW.getDate())} ${pad(NOW.getHours())}:${pad(NOW.getMinutes())}:${pad(NOW.getSeconds())}`;
    expect(JSON.parse(text)).toEqual({ timestamp: local, level: 'info', message: 'hello' });
  });

  it('writes bigints as strings and escapes the message', async () => {
    const text = await render('json', (log) => log.info('say "hi"\nbye', { big: 12345678901234567890n }));
    expect(text).toBe(`{"timestamp":"${ISO}","level":"info","message":"say \\"hi\\"\\nbye","big":"12345678901234567890"}\n`);
  });
});

describe('color format', () => {
  it('writes a gray timestamp, the level colored and padded, message and meta', async () => {
    const text = await render('color', (log) => {
      log.info('hello', { requestId: 7 });
      log.error('failed');
      log.warn('careful');
      log.debug('details');
    });
    expect(text.split('\n')).toEqual([
      `\u001b[90m${ISO}\u001b[39m \u001b[32minfo\u001b[39m  hello {"requestId":7}`,
      `\u001b[90m${ISO}\u001b[39m \u001b[31merror\u001b[39m failed`,
      `\u001b[90m${ISO}\u001b[39m \u001b[33mwarn\u001b[39m  careful`,
      `\u001b[90m${ISO}\u001b[39m \u001b[34mdebug\u001b[39m details`,
      '',
    ]);
  });
});

describe('plain format', () => {
  it('writes the message only', async () => {
    const text = await render('plain', (log) => {
      log.info('hello', { requestId: 7 });
      log.child({ service: 'db' }).warn('second');
    });
    expect(text).toBe('hello\nsecond\n');
  });
});

describe('simple format', () => {
  it('writes "level: message {meta}" like winston simple, meta only when present', async () => {
    const text = await render('simple', (log) => {
      log.info('hello', { requestId: 7, tags: ['a', 'b'] });
      log.debug('bare');
    });
    expect(text).toBe('info: hello {"requestId":7,"tags":["a","b"]}\ndebug: bare\n');
  });
});

describe('logfmt format', () => {
  it('writes ts, level and msg, then meta flattened to dotted keys', async () => {
    const text = await render('logfmt', (log) =>
      log.info('hello', { requestId: 7, user: { id: 1, admin: false }, tags: ['a'], none: null }),
    );
    expect(text).toBe(`ts=${ISO} level=info msg=hello requestId=7 user.id=1 user.admin=false tags.0=a none=null\n`);
  });

  it('quotes and escapes values a logfmt parser would split, and sanitizes keys', async () => {
    const text = await render('logfmt', (log) =>
      log.warn('say "hi"\nbye', { path: 'C:\\tmp', query: 'a=b', empty: '', 'bad key': 'x', tab: 'a\tb', skipped: undefined }),
    );
    expect(text).toBe(`ts=${ISO} level=warn msg="say \\"hi\\"\\nbye" path="C:\\\\tmp" query="a=b" empty="" bad_key=x tab="a\\tb"\n`);
  });

  it('quotes a patterned timestamp that contains a space', async () => {
    const text = await render('logfmt', (log) => log.info('hello'), 'YYYY-MM-DD HH:mm');
    expect(text).toMatch(/^ts="\d{4}-\d\d-\d\d \d\d:\d\d" level=info msg=hello\n$/);
  });
});

it('rejects an unknown format before anything is written', () => {
  expect(() =>
    createWinstonLogger({ level: 'info', format: 'xml' as never, dateFormat: 'ISO', buffering: false, bufferSize: 1, flushInterval: 0 }),
  ).toThrow(/Unknown log format "xml"; expected one of json, color, plain, simple, logfmt/);
});
