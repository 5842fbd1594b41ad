import { availableParallelism } from 'node:os';
import type { EntrypointSettings } from '../../../src/entrypoint/entrypoint-settings';
import { resolveSettings, type EntrypointOptions } from '../../../src/entrypoint/resolve-settings';
import { KeelError } from '../../../src/errors';

/** The error resolveSettings throws for these inputs; fails the test if it does not throw. */
function settingsError(options: EntrypointOptions, env: NodeJS.ProcessEnv = {}): KeelError {
  try {
    resolveSettings(options, env);
  } catch (error) {
    if (error instanceof KeelError) return error;
    throw error;
  }
  throw new Error('resolveSettings did not throw');
}

/** The problem lines of an INVALID_SETTINGS message (between the summary and the hint). */
function problems(error: KeelError): string[] {
  return error.message.split('\n').filter((line) => line.startsWith('  '));
}

/** Runs `body` with process.stdout.isTTY set to `tty`, then restores it. */
function withStdoutTTY<T>(tty: boolean | undefined, body: () => T): T {
  const had = Object.prototype.hasOwnProperty.call(process.stdout, 'isTTY');
  const before = process.stdout.isTTY;
  (process.stdout as { isTTY: boolean | undefined }).isTTY = tty;
  try {
    return body();
  } finally {
    if (had) (process.stdout as { isTTY: boolean | undefined }).isTTY = before;
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
  }
}

describe('resolveSettings', () => {
  describe('defaults', () => {
    it('gives every setting its documented default when neither option nor env is set', () => {
      const settings = withStdoutTTY(undefined, () => ({ ...resolveSettings({}, {}) }));
      const expected: EntrypointSettings = {
        logLevel: 'info',
        logFormat: 'json',
        logDateFormat: 'ISO',
        logConfig: true,
        logBuffering: true,
        logBufferSize: 1024,
        logFlushInterval: 200,
        poolSize: availableParallelism(),
        catchSignals: process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK'] : ['SIGINT', 'SIGTERM'],
        startTimeout: 15_000,
        shutdownTimeout: 25_000,
        stopOnUnhandledErrors: true,
        envFile: '.env',
      };
      expect(settings).toEqual(expected);
    });

    it('defaults logFormat to color on a TTY', () => {
      expect(withStdoutTTY(true, () => resolveSettings({}, {}).logFormat)).toBe('color');
    });

    it('looks at stdout for the logFormat default on the first read, not when settings resolve', () => {
      const settings = withStdoutTTY(undefined, () => resolveSettings({}, {}));
      expect(withStdoutTTY(true, () => settings.logFormat)).toBe('color');
      expect(withStdoutTTY(undefined, () => settings.logFormat)).toBe('color');
    });
  });

  describe('environment', () => {
    const cases: [keyof EntrypointSettings, string, string, unknown][] = [
      ['logLevel', 'KEEL_LOG_LEVEL', 'debug', 'debug'],
      ['logFormat', 'KEEL_LOG_FORMAT', 'logfmt', 'logfmt'],
      ['logDateFormat', 'KEEL_LOG_DATE_FORMAT', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm:ss'],
      ['logConfig', 'KEEL_LOG_CONFIG', 'false', false],
      ['logBuffering', 'KEEL_LOG_BUFFERING', 'off', false],
      ['logBufferSize', 'KEEL_LOG_BUFFER_SIZE', '16', 16],
      ['logFlushInterval', 'KEEL_LOG_FLUSH', '12.5', 12.5],
      ['poolSize', 'KEEL_POOL_SIZE', '3', 3],
      ['startTimeout', 'KEEL_START_TIMEOUT', '500', 500],
      ['shutdownTimeout', 'KEEL_SHUTDOWN_TIMEOUT', '750', 750],
      ['envFile', 'KEEL_ENV_FILE', 'config/app.env', 'config/app.env'],
    ];

    it.each(cases)('reads %s from %s when the option is not passed', (key, variable, raw, value) => {
      expect(resolveSettings({}, { [variable]: raw })[key]).toEqual(value);
    });

    it.each([
      ['true', true],
      ['1', true],
      ['yes', true],
      ['ON', true],
      ['false', false],
      ['0', false],
      ['no', false],
      ['Off', false],
    ])('reads the boolean %j as %j', (raw, value) => {
      expect(resolveSettings({}, { KEEL_LOG_BUFFERING: raw }).logBuffering).toBe(value);
    });

    it('leaves catchSignals and stopOnUnhandledErrors to options and defaults (they have no variable)', () => {
      const settings = resolveSettings({}, { KEEL_CATCH_SIGNALS: 'SIGHUP', KEEL_STOP_ON_UNHANDLED_ERRORS: 'false' });
      expect([settings.catchSignals.includes('SIGHUP'), settings.stopOnUnhandledErrors]).toEqual([false, true]);
    });
  });

  describe('precedence', () => {
    it('prefers the option over the variable, and the variable over the default', () => {
      const env = { KEEL_LOG_LEVEL: 'warn', KEEL_POOL_SIZE: '7', KEEL_START_TIMEOUT: '900' };
      const settings = resolveSettings({ logLevel: 'error', poolSize: 2 }, env);
      expect([settings.logLevel, settings.poolSize, settings.startTimeout, settings.shutdownTimeout]).toEqual(['error', 2, 900, 25_000]);
    });

    it('takes an option of false over a variable of true', () => {
      expect(resolveSettings({ logConfig: false }, { KEEL_LOG_CONFIG: 'true' }).logConfig).toBe(false);
    });

    it('does not validate a variable that an option overrides', () => {
      expect(resolveSettings({ poolSize: 4 }, { KEEL_POOL_SIZE: 'abc' }).poolSize).toBe(4);
    });

    it('treats an option passed as undefined as not passed', () => {
      expect(resolveSettings({ logLevel: undefined }, { KEEL_LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    });

    it('takes catchSignals from the option', () => {
      expect(resolveSettings({ catchSignals: ['SIGHUP', 'SIGUSR2'] }, {}).catchSignals).toEqual(['SIGHUP', 'SIGUSR2']);
    });
  });

  describe('validation', () => {
    it.each([
      [{ KEEL_POOL_SIZE: 'abc' }, '  KEEL_POOL_SIZE: must be a number (got "abc")'],
      [{ KEEL_POOL_SIZE: '1.5' }, '  KEEL_POOL_SIZE: must be a whole number (got "1.5")'],
      [{ KEEL_POOL_SIZE: '0' }, '  KEEL_POOL_SIZE: must be greater than 0 (got "0")'],
      [{ KEEL_LOG_BUFFER_SIZE: '-3' }, '  KEEL_LOG_BUFFER_SIZE: must be greater than 0 (got "-3")'],
      [{ KEEL_START_TIMEOUT: '-5' }, '  KEEL_START_TIMEOUT: must be greater than 0 (got "-5")'],
      [{ KEEL_START_TIMEOUT: '0' }, '  KEEL_START_TIMEOUT: must be greater than 0 (got "0")'],
      [{ KEEL_SHUTDOWN_TIMEOUT: '0' }, '  KEEL_SHUTDOWN_TIMEOUT: must be greater than 0 (got "0")'],
      [{ KEEL_SHUTDOWN_TIMEOUT: '-1' }, '  KEEL_SHUTDOWN_TIMEOUT: must be greater than 0 (got "-1")'],
      [{ KEEL_LOG_FLUSH: 'soon' }, '  KEEL_LOG_FLUSH: must be a number (got "soon")'],
      [{ KEEL_LOG_LEVEL: 'loud' }, '  KEEL_LOG_LEVEL: must be one of error, warn, info, debug (got "loud")'],
      [{ KEEL_LOG_FORMAT: 'xml' }, '  KEEL_LOG_FORMAT: must be one of json, color, plain, simple, logfmt (got "xml")'],
      [{ KEEL_LOG_CONFIG: 'maybe' }, '  KEEL_LOG_CONFIG: must be true or false (got "maybe")'],
      [{ KEEL_LOG_BUFFERING: '2' }, '  KEEL_LOG_BUFFERING: must be true or false (got "2")'],
      [{ KEEL_LOG_DATE_FORMAT: '   ' }, '  KEEL_LOG_DATE_FORMAT: must not be empty (got "   ")'],
      [{ KEEL_ENV_FILE: '' }, '  KEEL_ENV_FILE: must not be empty (got "")'],
      [{ KEEL_POOL_SIZE: '' }, '  KEEL_POOL_SIZE: must be a number (got "")'],
    ])('rejects %j with the problem line %j', (env, line) => {
      const error = settingsError({}, env);
      expect([error.code, problems(error)]).toEqual(['INVALID_SETTINGS', [line]]);
    });

    it.each([
      [{ poolSize: 1.5 }, '  poolSize: must be a whole number (got 1.5)'],
      [{ poolSize: 0 }, '  poolSize: must be greater than 0 (got 0)'],
      [{ poolSize: Number.NaN }, '  poolSize: must be a number (got NaN)'],
      [{ startTimeout: -100 }, '  startTimeout: must be greater than 0 (got -100)'],
      [{ startTimeout: 0 }, '  startTimeout: must be greater than 0 (got 0)'],
      [{ shutdownTimeout: -1 }, '  shutdownTimeout: must be greater than 0 (got -1)'],
      [{ shutdownTimeout: 0 }, '  shutdownTimeout: must be greater than 0 (got 0)'],
      [{ logLevel: 'verbose' }, '  logLevel: must be one of error, warn, info, debug (got "verbose")'],
      [{ logFormat: 'pretty' }, '  logFormat: must be one of json, color, plain, simple, logfmt (got "pretty")'],
      [{ logBuffering: 'true' }, '  logBuffering: must be a boolean, got a string (got "true")'],
      [{ stopOnUnhandledErrors: 1 }, '  stopOnUnhandledErrors: must be a boolean, got a number (got 1)'],
      [{ startTimeout: '100' }, '  startTimeout: must be a number, got a string (got "100")'],
      [{ envFile: '' }, '  envFile: must not be empty (got "")'],
      [{ catchSignals: ['SIGTERM', 'SIGNOPE'] }, '  catchSignals: unknown signal(s) SIGNOPE (got ["SIGTERM","SIGNOPE"])'],
      [{ catchSignals: ['toString', 'sigint'] }, '  catchSignals: unknown signal(s) toString, sigint (got ["toString","sigint"])'],
      [{ catchSignals: 'SIGINT' }, '  catchSignals: must be an array, got a string (got "SIGINT")'],
      [
        { catchSignals: ['SIGINT', 'SIGKILL', 'SIGSTOP'] },
        '  catchSignals: SIGKILL, SIGSTOP cannot be caught (got ["SIGINT","SIGKILL","SIGSTOP"])',
      ],
    ])('rejects the option %j with the problem line %j', (options, line) => {
      const error = settingsError(options as EntrypointOptions);
      expect([error.code, problems(error)]).toEqual(['INVALID_SETTINGS', [line]]);
    });

    it('reports every bad setting at once in one error with the count', () => {
      const error = settingsError(
        { logLevel: 'loud' as never, shutdownTimeout: 0 },
        { KEEL_POOL_SIZE: 'abc', KEEL_START_TIMEOUT: '-5', KEEL_LOG_CONFIG: 'maybe', KEEL_LOG_LEVEL: 'debug' },
      );
      expect(error.message.split('\n')).toEqual([
        'Invalid entrypoint settings: 5 problem(s).',
        '  logLevel: must be one of error, warn, info, debug (got "loud")',
        '  KEEL_LOG_CONFIG: must be true or false (got "maybe")',
        '  KEEL_POOL_SIZE: must be a number (got "abc")',
        '  KEEL_START_TIMEOUT: must be greater than 0 (got "-5")',
        '  shutdownTimeout: must be greater than 0 (got 0)',
        'Hint: fix the options passed to bootstrap() or the KEEL_* environment variables; .env.example lists them all.',
      ]);
    });
  });
});
