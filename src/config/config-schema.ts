import { ConfigField, type FieldKind, type FieldParse } from './config-field';
import { BOOLEAN_WORDS, parseBoolean } from './parse-boolean';
import { KeelError } from '../errors';

export interface RangeOptions {
  /** Inclusive. */
  min?: number;
  /** Inclusive. */
  max?: number;
}

export interface UrlOptions {
  /** Allowed protocols, with or without the trailing colon: `['http', 'https:']`. Any protocol when omitted. */
  protocols?: readonly string[];
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)?$/;
const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

const ok = <T>(value: T): FieldParse<T> => ({ ok: true, value });
const fail = <T>(got: string): FieldParse<T> => ({ ok: false, got });

function field<T>(kind: FieldKind<T>): ConfigField<T> {
  return new ConfigField(kind, 'required');
}

/** Any text, kept exactly as written (spaces included); only "" counts as not set. */
function string(): ConfigField<string> {
  return field({ expected: 'a string', trim: false, parse: ok });
}

/** A decimal number such as `42`, `-1.5` or `1e3`; no hex, no Infinity. */
function number(range: RangeOptions = {}): ConfigField<number> {
  const expected = `a number${describeRange(range)}`;
  return field({
    expected,
    trim: true,
    parse: (text) => (DECIMAL.test(text) ? checkRange(Number(text), range) : fail('a non-numeric value')),
  });
}

/** A whole number within ±2^53 (`1e3` counts, `1.5` does not). */
function integer(range: RangeOptions = {}): ConfigField<number> {
  return field({
    expected: `an integer${describeRange(range)}`,
    trim: true,
    parse: (text) => {
      if (!DECIMAL.test(text)) return fail('a non-numeric value');
      const value = Number(text);
      if (!Number.isInteger(value)) return fail(Number.isFinite(value) ? 'a fractional number' : 'a number too large to be exact');
      if (!Number.isSafeInteger(value)) return fail('a number too large to be exact');
      return checkRange(value, range);
    },
  });
}

/** true/false, yes/no, on/off, 1/0, in any letter case (as KEEL_* settings read them). */
function boolean(): ConfigField<boolean> {
  return field({
    expected: `a boolean (${BOOLEAN_WORDS})`,
    trim: true,
    parse: (text) => {
      const value = parseBoolean(text);
      return value === undefined ? fail('another value') : ok(value);
    },
  });
}

/** Exactly one of `values` (case-sensitive); the config type is their union. */
function oneOf<const V extends readonly [string, ...string[]]>(values: V): ConfigField<V[number]> {
  if (values.length === 0) throw new KeelError('INVALID_CONFIG', 'configSchema.enum() needs at least one value.');
  const allowed = new Set<string>(values);
  return field({
    expected: `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
    trim: true,
    parse: (text) => (allowed.has(text) ? ok(text as V[number]) : fail('another value')),
  });
}

/**
 * An absolute URL, returned as the (trimmed) string, not a URL object: strings
 * are immutable inside the frozen config and print the same everywhere, and a
 * base URL keeps exactly the slashes it was written with. Call `new URL()` where
 * the parts are needed.
 */
function url(options: UrlOptions = {}): ConfigField<string> {
  const protocols = (options.protocols ?? []).map((p) => (p.endsWith(':') ? p : `${p}:`).toLowerCase());
  const expected = protocols.length === 0 ? 'an absolute URL' : `a URL with protocol ${protocols.join(' or ')}`;
  return field({
    expected,
    trim: true,
    parse: (text) => {
      let parsed: URL;
      try {
        parsed = new URL(text);
      } catch {
        // The TypeError carries the input; it is dropped on purpose.
        return fail('a value that is not an absolute URL');
      }
      return protocols.length === 0 || protocols.includes(parsed.protocol) ? ok(text) : fail('another protocol');
    },
  });
}

/** `500ms`, `2s`, `5m`, `1h` (fractions allowed: `1.5s`), or a bare number of milliseconds; yields milliseconds. */
function duration(): ConfigField<number> {
  return field({
    expected: 'a duration such as 500ms, 2s, 5m, 1h, or a number of milliseconds',
    trim: true,
    parse: (text) => {
      const match = DURATION.exec(text);
      if (!match) return fail('another value');
      return ok(Number(match[1]) * DURATION_UNITS[match[2] ?? 'ms']!);
    },
  });
}

/**
 * Text kept exactly as written, like string(), that is secret: LOGGER masks the
 * value wherever it appears in a record, and a value shorter than 8 characters
 * is refused (too short to mask without masking ordinary text).
 */
function secret(): ConfigField<string> {
  return field({ expected: 'a secret of at least 8 characters', trim: false, parse: ok, secret: true });
}

function describeRange({ min, max }: RangeOptions): string {
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` >= ${min}`;
  if (max !== undefined) return ` <= ${max}`;
  return '';
}

function checkRange(value: number, { min, max }: RangeOptions): FieldParse<number> {
  if (!Number.isFinite(value)) return fail('a number too large to represent');
  if (min !== undefined && value < min) return fail('a smaller number');
  if (max !== undefined && value > max) return fail('a larger number');
  return ok(value);
}

/**
 * Builders for a built-in config schema: a record from environment variable name
 * to field. Every field is required unless `.default(value)` or `.optional()`.
 *
 *   const schema = {
 *     PORT: configSchema.integer({ min: 1, max: 65535 }).default(3000),
 *     DATABASE_URL: configSchema.url({ protocols: ['postgres'] }),
 *     LOG_SQL: configSchema.boolean().optional(),
 *   };
 */
export const configSchema = {
  string,
  number,
  integer,
  boolean,
  enum: oneOf,
  url,
  duration,
  secret,
} as const;
