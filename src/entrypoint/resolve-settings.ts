import { availableParallelism, constants } from 'node:os';
import { DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_START_TIMEOUT } from '../application-options';
import { parseBoolean } from '../config/parse-boolean';
import { KeelError } from '../errors';
import type { EntrypointSettings, LogFormat } from './entrypoint-settings';

/** The entrypoint options a caller may pass; each falls back to its KEEL_* variable, then its default. */
export type EntrypointOptions = Partial<EntrypointSettings>;

const LEVELS = ['error', 'warn', 'info', 'debug'] as const;
const FORMATS = ['json', 'color', 'plain', 'simple', 'logfmt'] as const;

type Parser<T> = (raw: string) => T | { problem: string };

interface Field<K extends keyof EntrypointSettings> {
  env?: string;
  parse: Parser<EntrypointSettings[K]>;
  fallback: () => EntrypointSettings[K];
  /** The fallback is worked out on the first read of the setting, not when settings resolve. */
  lazyFallback?: true;
}

const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (raw) =>
    (values as readonly string[]).includes(raw) ? (raw as T) : { problem: `must be one of ${values.join(', ')}` };

const positive =
  (integer: boolean): Parser<number> =>
  (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) return { problem: 'must be a number' };
    if (integer && !Number.isInteger(value)) return { problem: 'must be a whole number' };
    return value > 0 ? value : { problem: 'must be greater than 0' };
  };

const boolean: Parser<boolean> = (raw) => parseBoolean(raw) ?? { problem: 'must be true or false' };

const text: Parser<string> = (raw) => (raw.trim() === '' ? { problem: 'must not be empty' } : raw);

const signalList: Parser<readonly string[]> = (raw) => {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !Object.hasOwn(constants.signals, name));
  if (unknown.length > 0) return { problem: `unknown signal(s) ${unknown.join(', ')}` };
  // process.on() throws for these (uv_signal_start EINVAL): say so before anything is built.
  const uncatchable = names.filter((name) => UNCATCHABLE.has(name));
  return uncatchable.length > 0 ? { problem: `${uncatchable.join(', ')} cannot be caught` } : names;
};

const UNCATCHABLE = new Set(['SIGKILL', 'SIGSTOP']);

const FIELDS: { [K in keyof EntrypointSettings]: Field<K> } = {
  logLevel: { env: 'KEEL_LOG_LEVEL', parse: oneOf(LEVELS), fallback: () => 'info' },
  // process.stdout is created on its first use (a stream, for a pipe a socket: about as much work as
  // building a hundred services), so it is left to the first reader, the logger's first record.
  logFormat: {
    env: 'KEEL_LOG_FORMAT',
    parse: oneOf<LogFormat>(FORMATS),
    fallback: () => (process.stdout.isTTY ? 'color' : 'json'),
    lazyFallback: true,
  },
  logDateFormat: { env: 'KEEL_LOG_DATE_FORMAT', parse: text, fallback: () => 'ISO' },
  logConfig: { env: 'KEEL_LOG_CONFIG', parse: boolean, fallback: () => true },
  logBuffering: { env: 'KEEL_LOG_BUFFERING', parse: boolean, fallback: () => true },
  logBufferSize: { env: 'KEEL_LOG_BUFFER_SIZE', parse: positive(true), fallback: () => 1024 },
  logFlushInterval: { env: 'KEEL_LOG_FLUSH', parse: positive(false), fallback: () => 200 },
  poolSize: { env: 'KEEL_POOL_SIZE', parse: positive(true), fallback: () => availableParallelism() },
  catchSignals: {
    parse: signalList,
    fallback: () => (process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK'] : ['SIGINT', 'SIGTERM']),
  },
  startTimeout: { env: 'KEEL_START_TIMEOUT', parse: positive(false), fallback: () => DEFAULT_START_TIMEOUT },
  shutdownTimeout: { env: 'KEEL_SHUTDOWN_TIMEOUT', parse: positive(false), fallback: () => DEFAULT_SHUTDOWN_TIMEOUT },
  stopOnUnhandledErrors: { parse: boolean, fallback: () => true },
  envFile: { env: 'KEEL_ENV_FILE', parse: text, fallback: () => '.env' },
};

/**
 * @internal
 * Applies option > KEEL_* environment variable > default to every entrypoint
 * setting. Collects every bad value and throws one KeelError (INVALID_SETTINGS)
 * listing them all, so a misconfigured deployment is fixed in one round.
 */
export function resolveSettings(options: EntrypointOptions = {}, env: NodeJS.ProcessEnv = process.env): EntrypointSettings {
  const problems: string[] = [];
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(FIELDS) as (keyof EntrypointSettings)[]) {
    const field = FIELDS[key] as Field<typeof key>;
    const given = options[key];
    const fromEnv = field.env === undefined ? undefined : env[field.env];
    let value: unknown;
    if (given !== undefined) {
      value = field.parse(Array.isArray(given) ? given.join(',') : String(given));
      if (!isProblem(value) && typeof given !== typeof value && !Array.isArray(given)) {
        value = { problem: `must be ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}, got a ${typeof given}` };
      }
      if (isProblem(value)) problems.push(`  ${key}: ${value.problem} (got ${show(given)})`);
    } else if (fromEnv !== undefined) {
      // An empty variable is set (as loadEnv counts it), so it is validated rather than ignored.
      value = field.parse(fromEnv);
      if (isProblem(value)) problems.push(`  ${field.env}: ${value.problem} (got ${JSON.stringify(fromEnv)})`);
    } else if (field.lazyFallback) {
      defineOnFirstRead(settings, key, field.fallback);
      continue;
    } else {
      value = field.fallback();
    }
    settings[key] = value;
  }
  if (problems.length > 0) {
    throw new KeelError('INVALID_SETTINGS', `Invalid entrypoint settings: ${problems.length} problem(s).\n${problems.join('\n')}`, {
      hint: 'fix the options passed to bootstrap() or the KEEL_* environment variables; .env.example lists them all.',
    });
  }
  return settings as unknown as EntrypointSettings;
}

/**
 * The env file to load before the other settings resolve (so KEEL_* lines in it
 * count): the option, else KEEL_ENV_FILE, else `.env`. undefined when the value
 * is bad; resolveSettings() then reports it with the rest.
 */
export function resolveEnvFile(options: EntrypointOptions = {}, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = options.envFile ?? env[FIELDS.envFile.env!];
  if (raw === undefined) return FIELDS.envFile.fallback();
  const value = typeof raw === 'string' ? FIELDS.envFile.parse(raw) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** `target[key]` as `compute()`'s result, computed on the first read (an enumerable own property, as the others). */
function defineOnFirstRead(target: Record<string, unknown>, key: string, compute: () => unknown): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, configurable: true, enumerable: true, writable: true });
      return value;
    },
  });
}

/** JSON for the message, except numbers JSON cannot show (NaN, Infinity). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function isProblem(value: unknown): value is { problem: string } {
  return value !== null && typeof value === 'object' && 'problem' in value;
}
