/** Whether a field must be set, falls back to a default, or may be left out (`undefined`). */
export type FieldPresence = 'required' | 'default' | 'optional';

/**
 * A parse result. A failure describes only the shape of what was received
 * ("a non-numeric value"), never the text itself, so it is safe to print.
 */
export type FieldParse<T> = { ok: true; value: T } | { ok: false; got: string };

/** What a builder knows about one kind of value. */
export interface FieldKind<T> {
  /** Reads as "expected <expected>": "an integer", "one of \"a\", \"b\"". */
  expected: string;
  /** false only for string(): every other kind ignores surrounding spaces. */
  trim: boolean;
  parse(text: string): FieldParse<T>;
  /** A secret: LOGGER masks its value, and a value shorter than 8 characters is refused. */
  secret?: boolean;
}

export type FieldRead<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * One environment variable of a built-in config schema, read from the variable
 * named by its key. Immutable: `.default()`, `.optional()` and `.describe()`
 * return a new field. An empty value counts as not set (docker compose turns a
 * missing `${VAR}` into ""), so defaults and `.optional()` apply to it too.
 */
export class ConfigField<T, P extends FieldPresence = 'required'> {
  /** Use the `configSchema` builders instead. */
  constructor(
    private readonly kind: FieldKind<T>,
    readonly presence: P,
    readonly defaultValue: T | undefined = undefined,
    /** Free text for humans and tools; never used in validation. */
    readonly description: string | undefined = undefined,
  ) {}

  /** What the field accepts, e.g. "an integer between 1 and 65535". */
  get expected(): string {
    return this.kind.expected;
  }

  /** Whether the value is secret (`configSchema.secret()`): masked in every log line. */
  get secret(): boolean {
    return this.kind.secret === true;
  }

  /** Used when the variable is not set or empty; the config type becomes `T`. Drops `.optional()`. */
  default(value: T): ConfigField<T, 'default'> {
    return new ConfigField(this.kind, 'default', value, this.description);
  }

  /** `undefined` when the variable is not set or empty; the config type becomes `T | undefined`. Drops a default. */
  optional(): ConfigField<T, 'optional'> {
    return new ConfigField<T, 'optional'>(this.kind, 'optional', undefined, this.description);
  }

  describe(text: string): ConfigField<T, P> {
    return new ConfigField(this.kind, this.presence, this.defaultValue, text);
  }

  /** Validates one raw variable. A failure reason never contains the raw text. */
  read(raw: string | undefined): FieldRead<T | undefined> {
    const text = raw === undefined ? undefined : this.kind.trim ? raw.trim() : raw;
    if (text === undefined || text === '') {
      if (this.presence === 'default') return { ok: true, value: this.defaultValue };
      if (this.presence === 'optional') return { ok: true, value: undefined };
      return { ok: false, reason: `expected ${this.expected}, got ${text === undefined ? 'nothing (not set)' : 'an empty value'}` };
    }
    const parsed = this.kind.parse(text);
    return parsed.ok ? parsed : { ok: false, reason: `expected ${this.expected}, got ${parsed.got}` };
  }
}

/** A built-in schema: environment variable name -> field. */
export type ConfigFieldRecord = { readonly [key: string]: ConfigField<unknown, FieldPresence> };

/** The value type of one field: `T`, or `T | undefined` once `.optional()`. */
export type FieldValue<F> = F extends ConfigField<infer T, infer P> ? (P extends 'optional' ? T | undefined : T) : never;

/** The config object a built-in schema produces. */
export type InferFieldRecord<S extends ConfigFieldRecord> = { readonly [K in keyof S]: FieldValue<S[K]> };
