import { resolve } from 'node:path';
import { KeelError } from '../errors';
import { ConfigField, type ConfigFieldRecord, type InferFieldRecord } from './config-field';
import { InvalidConfigError, type ConfigIssue } from './invalid-config-error';
import { loadEnv } from './load-env';
import { MIN_SECRET_LENGTH } from '../logging/secret-mask';
import { markSecrets } from './secret-values';
import {
  isStandardSchema,
  issueKey,
  issueRootKey,
  safeIssueMessage,
  type InferStandardOutput,
  type StandardSchemaV1,
} from './standard-schema';

/** A built-in field record (`{ PORT: configSchema.integer() }`) or any Standard Schema v1 validator. */
export type ConfigSchema = ConfigFieldRecord | StandardSchemaV1;

/**
 * The frozen config object a schema produces. For a field record, `.default()`
 * and required fields give `T`, `.optional()` gives `T | undefined`; for a
 * Standard Schema, its declared output type.
 */
export type InferConfig<S extends ConfigSchema> = S extends StandardSchemaV1
  ? Readonly<InferStandardOutput<S>>
  : S extends ConfigFieldRecord
    ? InferFieldRecord<S>
    : never;

export interface LoadConfigOptions {
  /** The variables to validate; a copy of `process.env` (taken when the config is loaded) unless given. */
  env?: NodeJS.ProcessEnv;
  /**
   * A .env file read into that copy (never into `process.env`), below variables
   * already set. Missing is fine; unreadable or malformed fails with 'ENV_FILE'.
   */
  envFile?: string;
  /**
   * Keys whose values are secret, for any schema (built-in fields made with
   * `configSchema.secret()` are secret anyway): LOGGER masks their values in every
   * record, and a value shorter than 8 characters fails validation naming the key.
   */
  secrets?: readonly string[];
}

type Validation = { ok: true; value: unknown } | { ok: false; issues: ConfigIssue[] };

/**
 * Reads the variables (plus `envFile`) and validates them against `schema`,
 * reporting every bad key at once in one InvalidConfigError ('INVALID_CONFIG');
 * values never appear in its message. Resolves to the frozen config (plain nested
 * objects and arrays frozen too). Awaits asynchronous Standard Schema validators.
 */
export async function loadConfig<S extends ConfigSchema>(schema: S, options: LoadConfigOptions = {}): Promise<InferConfig<S>> {
  assertConfigSchema(schema);
  const input = copyEnv(options.env ?? process.env);
  if (options.envFile !== undefined) loadEnv({ path: options.envFile, env: input });
  const result = isStandardSchema(schema) ? await validateStandard(schema, input) : validateFields(schema, input);
  const secretKeys = secretKeysOf(schema, options.secrets ?? []);
  const issues = [...(result.ok ? [] : result.issues), ...shortSecrets(secretKeys, input, result.ok ? [] : result.issues)];
  if (!result.ok || issues.length > 0) {
    const where = options.envFile === undefined ? 'the environment' : `the environment or "${resolve(options.envFile)}"`;
    const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
    throw new InvalidConfigError(`Invalid configuration: ${count}.`, {
      issues,
      hint: `fix these variables in ${where}; values are never shown in messages.`,
    });
  }
  const config = deepFreeze(result.value) as InferConfig<S>;
  markSecrets(config as object, secretValues(secretKeys, input, config));
  return config;
}

function secretKeysOf(schema: ConfigSchema, named: readonly string[]): string[] {
  const keys = new Set(named);
  if (!isStandardSchema(schema)) for (const [key, field] of Object.entries(schema)) if (field.secret) keys.add(key);
  return [...keys];
}

/** A set secret too short to mask safely is refused, unless its key already failed for another reason. */
function shortSecrets(keys: readonly string[], input: Readonly<Record<string, string>>, known: readonly ConfigIssue[]): ConfigIssue[] {
  return keys
    .filter((key) => !known.some((issue) => issue.key === key || issue.key.startsWith(`${key}.`)))
    .filter((key) => Object.hasOwn(input, key) && input[key] !== '' && input[key]!.length < MIN_SECRET_LENGTH)
    .map((key) => ({
      key,
      message: `expected a secret of at least ${MIN_SECRET_LENGTH} characters (shorter ones are too short to mask in logs), got a shorter value`,
    }));
}

/** What the log must never show: each secret key's raw text and its validated value, when a string. */
function secretValues(keys: readonly string[], input: Readonly<Record<string, string>>, config: unknown): string[] {
  const values: string[] = [];
  for (const key of keys) {
    if (Object.hasOwn(input, key)) values.push(input[key]!);
    const value = config !== null && typeof config === 'object' ? (config as Record<string, unknown>)[key] : undefined;
    if (typeof value === 'string') values.push(value);
  }
  return values.filter((value) => value.length >= MIN_SECRET_LENGTH);
}

/** Throws KeelError 'INVALID_CONFIG' when `schema` is neither a field record nor a Standard Schema v1. */
export function assertConfigSchema(schema: unknown): asserts schema is ConfigSchema {
  const hint = 'pass { NAME: configSchema.string(), ... } or a Standard Schema v1 validator such as z.object({ ... }).';
  if (isStandardSchema(schema)) {
    const props = schema['~standard'] as Partial<StandardSchemaV1['~standard']> | undefined;
    if (props?.version !== 1 || typeof props.validate !== 'function') {
      throw new KeelError('INVALID_CONFIG', 'Config schema is not a Standard Schema v1 (no version 1 "~standard.validate").', { hint });
    }
    return;
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new KeelError('INVALID_CONFIG', 'Config schema is not an object.', { hint });
  }
  for (const [key, value] of Object.entries(schema)) {
    if (!(value instanceof ConfigField)) {
      throw new KeelError('INVALID_CONFIG', `Config schema key "${key}" is not a configSchema field.`, { hint });
    }
  }
}

function validateFields(schema: ConfigFieldRecord, input: Readonly<Record<string, string>>): Validation {
  const value: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [key, field] of Object.entries(schema)) {
    const read = field.read(Object.hasOwn(input, key) ? input[key] : undefined);
    if (read.ok) value[key] = read.value;
    else issues.push({ key, message: read.reason });
  }
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}

async function validateStandard(schema: StandardSchemaV1, input: Readonly<Record<string, string>>): Promise<Validation> {
  const { vendor, validate } = schema['~standard'];
  let result: Awaited<ReturnType<typeof validate>>;
  try {
    result = await validate(input);
  } catch (error) {
    // Neither the message nor the error as `cause`: a throwing transform (JSON.parse...) quotes its input.
    const name = error instanceof Error ? error.name : typeof error;
    throw new KeelError('INVALID_CONFIG', `Config schema (${vendor}) threw ${name} instead of reporting issues.`, {
      hint: 'the error is not shown as it may quote a value; make transforms report issues (zod: ctx.addIssue) instead of throwing.',
    });
  }
  if (result.issues === undefined) return { ok: true, value: result.value };
  const issues = result.issues.map((issue): ConfigIssue => {
    const root = issueRootKey(issue);
    const own = root !== undefined && Object.hasOwn(input, root) ? input[root] : undefined;
    let message = safeIssueMessage(issue.message, own, input);
    if (root !== undefined && own === undefined && issue.path?.length === 1) message += ' (not set)';
    return { key: issueKey(issue, own), message };
  });
  return { ok: false, issues };
}

function copyEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Freezes plain objects and arrays all the way down; class instances (URL, Date, Map) are left as they are. */
function deepFreeze<T>(value: T): T {
  if (Array.isArray(value) || (value !== null && typeof value === 'object' && isPlain(value))) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
