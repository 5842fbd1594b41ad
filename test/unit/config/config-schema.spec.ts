import { configSchema, loadConfig, InvalidConfigError, type InferConfig, type ConfigFieldRecord } from '../../../src/config';

/** The one value a single-field schema yields for `raw`. */
async function valueOf(field: ConfigFieldRecord[string], raw: string | undefined): Promise<unknown> {
  const config = await loadConfig({ X: field }, { env: raw === undefined ? {} : { X: raw } });
  return config.X;
}

/** The message for the single bad field, e.g. "expected an integer, got a non-numeric value". */
async function problemOf(field: ConfigFieldRecord[string], raw: string | undefined): Promise<string> {
  const error = await loadConfig({ X: field }, { env: raw === undefined ? {} : { X: raw } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InvalidConfigError)) throw new Error(`expected InvalidConfigError for ${String(raw)}`);
  expect(error.issues.map((i) => i.key)).toEqual(['X']);
  return error.issues[0]!.message;
}

describe('configSchema', () => {
  describe('string()', () => {
    it('keeps the text exactly, spaces included', async () => {
      expect(await valueOf(configSchema.string(), '  two words ')).toBe('  two words ');
    });
    it.each([
      [undefined, 'expected a string, got nothing (not set)'],
      ['', 'expected a string, got an empty value'],
    ])('rejects %p', async (raw, message) => {
      expect(await problemOf(configSchema.string(), raw)).toBe(message);
    });
  });

  describe('number()', () => {
    it.each([
      ['42', 42],
      [' -1.5 ', -1.5],
      ['1e3', 1000],
      ['.5', 0.5],
    ])('reads %p', async (raw, value) => {
      expect(await valueOf(configSchema.number(), raw)).toBe(value);
    });
    it.each([
      ['abc', 'expected a number, got a non-numeric value'],
      ['0x10', 'expected a number, got a non-numeric value'],
      ['Infinity', 'expected a number, got a non-numeric value'],
      ['12px', 'expected a number, got a non-numeric value'],
      ['1e999', 'expected a number, got a number too large to represent'],
      ['   ', 'expected a number, got an empty value'],
    ])('rejects %p', async (raw, message) => {
      expect(await problemOf(configSchema.number(), raw)).toBe(message);
    });
    it('checks an inclusive range', async () => {
      const field = configSchema.number({ min: 0, max: 1 });
      expect(await valueOf(field, '1')).toBe(1);
      expect(await problemOf(field, '-0.1')).toBe('expected a number between 0 and 1, got a smaller number');
      expect(await problemOf(field, '1.1')).toBe('expected a number between 0 and 1, got a larger number');
      expect(await problemOf(configSchema.number({ min: 5 }), '4')).toBe('expected a number >= 5, got a smaller number');
      expect(await problemOf(configSchema.number({ max: 5 }), '6')).toBe('expected a number <= 5, got a larger number');
    });
  });

  describe('integer()', () => {
    it.each([
      ['3000', 3000],
      ['-7', -7],
      ['1e3', 1000],
    ])('reads %p', async (raw, value) => {
      expect(await valueOf(configSchema.integer(), raw)).toBe(value);
    });
    it.each([
      ['http', 'expected an integer, got a non-numeric value'],
      ['1.5', 'expected an integer, got a fractional number'],
      ['9007199254740993', 'expected an integer, got a number too large to be exact'],
      ['1e999', 'expected an integer, got a number too large to be exact'],
    ])('rejects %p', async (raw, message) => {
      expect(await problemOf(configSchema.integer(), raw)).toBe(message);
    });
    it('checks an inclusive range', async () => {
      const port = configSchema.integer({ min: 1, max: 65535 });
      expect(await problemOf(port, '0')).toBe('expected an integer between 1 and 65535, got a smaller number');
      expect(await problemOf(port, '65536')).toBe('expected an integer between 1 and 65535, got a larger number');
    });
  });

  describe('boolean()', () => {
    it.each([
      ['true', true],
      ['FALSE', false],
      ['Yes', true],
      ['no', false],
      ['1', true],
      [' 0 ', false],
      ['on', true],
      ['OFF', false],
    ])('reads %p', async (raw, value) => {
      expect(await valueOf(configSchema.boolean(), raw)).toBe(value);
    });
    it.each(['y', '2', 'enabled'])('rejects %p', async (raw) => {
      expect(await problemOf(configSchema.boolean(), raw)).toBe('expected a boolean (true/false, yes/no, on/off, 1/0), got another value');
    });
  });

  describe('enum()', () => {
    it('reads one of the values, exactly', async () => {
      expect(await valueOf(configSchema.enum(['dev', 'prod']), 'prod')).toBe('prod');
    });
    it.each(['PROD', 'staging'])('rejects %p', async (raw) => {
      expect(await problemOf(configSchema.enum(['dev', 'prod']), raw)).toBe('expected one of "dev", "prod", got another value');
    });
  });

  describe('url()', () => {
    it('returns the URL as the string written, not normalised', async () => {
      expect(await valueOf(configSchema.url(), 'https://api.example.com')).toBe('https://api.example.com');
    });
    it('rejects text that is not an absolute URL', async () => {
      expect(await problemOf(configSchema.url(), '/relative/path')).toBe(
        'expected an absolute URL, got a value that is not an absolute URL',
      );
    });
    it('checks the protocol when asked to', async () => {
      const field = configSchema.url({ protocols: ['postgres', 'postgresql:'] });
      expect(await valueOf(field, 'postgres://db:5432/app')).toBe('postgres://db:5432/app');
      expect(await problemOf(field, 'mysql://db/app')).toBe('expected a URL with protocol postgres: or postgresql:, got another protocol');
    });
  });

  describe('duration()', () => {
    it.each([
      ['500ms', 500],
      ['2s', 2000],
      ['5m', 300_000],
      ['1h', 3_600_000],
      ['1.5s', 1500],
      ['250', 250],
      ['10 s', 10_000],
    ])('reads %p as milliseconds', async (raw, ms) => {
      expect(await valueOf(configSchema.duration(), raw)).toBe(ms);
    });
    it.each(['2 days', '-1s', '1h30m', 's', '5M'])('rejects %p', async (raw) => {
      expect(await problemOf(configSchema.duration(), raw)).toBe(
        'expected a duration such as 500ms, 2s, 5m, 1h, or a number of milliseconds, got another value',
      );
    });
  });

  describe('presence', () => {
    it('uses the default when the variable is not set or empty, and the value when it is', async () => {
      const field = configSchema.integer().default(3000);
      expect([await valueOf(field, undefined), await valueOf(field, ''), await valueOf(field, '8080')]).toEqual([3000, 3000, 8080]);
    });
    it('gives undefined for an optional variable not set or empty, but still validates a set one', async () => {
      const field = configSchema.boolean().optional();
      expect([await valueOf(field, undefined), await valueOf(field, '')]).toEqual([undefined, undefined]);
      expect(await problemOf(field, 'maybe')).toBe('expected a boolean (true/false, yes/no, on/off, 1/0), got another value');
    });
    it('lets the last of .default() and .optional() win', async () => {
      expect(await valueOf(configSchema.string().default('a').optional(), undefined)).toBeUndefined();
      expect(await valueOf(configSchema.string().optional().default('a'), undefined)).toBe('a');
    });
    it('keeps a description through .default() and .optional() without changing validation', () => {
      const field = configSchema.integer().describe('HTTP port').default(3000).optional();
      expect([field.description, field.presence, field.expected]).toEqual(['HTTP port', 'optional', 'an integer']);
    });
  });

  it('infers the config type: required and defaulted fields are T, optional ones T | undefined', async () => {
    const schema = {
      PORT: configSchema.integer().default(3000),
      HOST: configSchema.string(),
      MODE: configSchema.enum(['dev', 'prod']),
      DEBUG: configSchema.boolean().optional(),
      TIMEOUT: configSchema.duration().describe('request timeout').default(5000),
      API: configSchema.url(),
    };
    type Config = InferConfig<typeof schema>;
    const config: Config = await loadConfig(schema, { env: { HOST: 'h', MODE: 'dev', API: 'http://x' } });
    const exact: Equal<
      Config,
      {
        readonly PORT: number;
        readonly HOST: string;
        readonly MODE: 'dev' | 'prod';
        readonly DEBUG: boolean | undefined;
        readonly TIMEOUT: number;
        readonly API: string;
      }
    > = true;
    expect(exact).toBe(true);
    expect(config).toEqual({ PORT: 3000, HOST: 'h', MODE: 'dev', DEBUG: undefined, TIMEOUT: 5000, API: 'http://x' });
  });
});

/** Compile-time exact type equality. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
