import { createWinstonLogger, type WinstonLoggerOptions } from '../../../src/logging/winston-logger';
import { maskLogger } from '../../../src/logging/mask-logger';
import { SecretMask } from '../../../src/logging/secret-mask';
import { LineCollector } from './line-collector';

const SECRET = 'sk_live_4f9a"q\\z';
const FORMATS: WinstonLoggerOptions['format'][] = ['json', 'color', 'plain', 'simple', 'logfmt'];

async function render(
  format: WinstonLoggerOptions['format'],
  secrets: SecretMask,
  write: (log: ReturnType<typeof createWinstonLogger>) => void,
) {
  const destination = new LineCollector();
  const log = createWinstonLogger({
    level: 'debug',
    format,
    dateFormat: 'ISO',
    buffering: false,
    bufferSize: 1,
    flushInterval: 0,
    destination,
    secrets,
  });
  write(log);
  await log.close();
  return destination.text;
}

describe('SecretMask', () => {
  it('replaces every occurrence, as written and as JSON escapes it once and twice', () => {
    const mask = new SecretMask();
    mask.add([SECRET]);
    const once = JSON.stringify(SECRET).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);

    expect(mask.mask(`a ${SECRET} b ${once} c ${twice} d ${SECRET}`)).toBe('a [secret] b [secret] c [secret] d [secret]');
  });

  it('masks the longer of two overlapping secrets whole', () => {
    const mask = new SecretMask();
    mask.add(['password', 'password-and-more']);

    expect(mask.mask('x password-and-more y password')).toBe('x [secret] y [secret]');
  });

  it('returns the text unchanged when no secret was added, and ignores values shorter than 8 characters', () => {
    const mask = new SecretMask();
    mask.add(['short']);

    expect(mask.size).toBe(0);
    expect(mask.mask('a short text')).toBe('a short text');
  });
});

describe('the default logger with secrets', () => {
  it.each(FORMATS)('masks the message, meta, error message, stack and cause in %s', async (format) => {
    const mask = new SecretMask();
    mask.add([SECRET]);
    const cause = new Error(`cause quotes ${SECRET}`);
    const text = await render(format, mask, (log) => {
      log.error(`message with ${SECRET}`, { key: SECRET, nested: { deep: [SECRET] }, error: new Error(`failed: ${SECRET}`, { cause }) });
    });

    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('sk_live_4f9a');
    expect(text).toContain('[secret]');
    expect(text).toContain('message with');
  });

  it('masks values added after the logger was created (CONFIG is built after LOGGER)', async () => {
    const mask = new SecretMask();
    const text = await render('json', mask, (log) => {
      log.info('before');
      mask.add([SECRET]);
      log.info(`after ${SECRET}`);
    });

    expect(text).not.toContain(SECRET);
    expect(text).toContain('after [secret]');
  });
});

describe('maskLogger (loggers keel does not render: logConfig false)', () => {
  class Recorder {
    readonly records: { level: string; message: string; meta: unknown }[] = [];
    error = (message: string, meta?: unknown) => this.records.push({ level: 'error', message, meta });
    warn = (message: string, meta?: unknown) => this.records.push({ level: 'warn', message, meta });
    info = (message: string, meta?: unknown) => this.records.push({ level: 'info', message, meta });
    debug = (message: string, meta?: unknown) => this.records.push({ level: 'debug', message, meta });
    child = () => this;
  }

  it('masks the message and a copy of the meta, errors (message, stack, cause) included, leaving the originals alone', () => {
    const recorder = new Recorder();
    const mask = new SecretMask();
    mask.add([SECRET]);
    const error = new Error(`failed: ${SECRET}`, { cause: new Error(`cause: ${SECRET}`) });
    const meta = { key: SECRET, list: [SECRET], error };
    maskLogger(recorder, mask).error(`message ${SECRET}`, meta);

    const [record] = recorder.records;
    const logged = record!.meta as { key: string; list: string[]; error: Error };
    expect([record!.message, logged.key, logged.list, logged.error.message, (logged.error.cause as Error).message]).toEqual([
      'message [secret]',
      '[secret]',
      ['[secret]'],
      'failed: [secret]',
      'cause: [secret]',
    ]);
    expect(logged.error).toBeInstanceOf(Error);
    expect(logged.error.stack).not.toContain(SECRET);
    expect(meta.key).toBe(SECRET);
    expect(error.message).toBe(`failed: ${SECRET}`);
  });

  it('passes records through uncopied while no secret is known', () => {
    const recorder = new Recorder();
    const meta = { key: 'value' };
    maskLogger(recorder, new SecretMask()).info('plain', meta);

    expect(recorder.records[0]!.meta).toBe(meta);
  });
});
