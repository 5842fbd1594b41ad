import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { z } from 'zod';
import {
  configSchema,
  loadConfig,
  InvalidConfigError,
  type ConfigSchema,
  type InferConfig,
  type StandardSchemaV1,
} from '../../../src/config';
import { KeelError } from '../../../src/errors';

const SECRET = 'hunter2-secret';

async function rejectionOf(promise: Promise<unknown>): Promise<KeelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KeelError)) throw new Error(`expected a KeelError, got ${String(error)}`);
  return error;
}

/** The "  KEY: message" lines of an InvalidConfigError. */
const problemLines = (error: Error) => error.message.split('\n').filter((line) => line.startsWith('  '));

describe('loadConfig', () => {
  it('reports every bad key at once, one line each, with a count and a hint', async () => {
    const schema = {
      PORT: configSchema.integer(),
      MODE: configSchema.enum(['dev', 'prod']),
      HOST: configSchema.string(),
      DEBUG: configSchema.boolean().default(false),
    };
    const error = await rejectionOf(loadConfig(schema, { env: { PORT: 'http', MODE: 'test', DEBUG: 'true' } }));
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toBe(
      [
        'Invalid configuration: 3 problems.',
        '  PORT: expected an integer, got a non-numeric value',
        '  MODE: expected one of "dev", "prod", got another value',
        '  HOST: expected a string, got nothing (not set)',
        'Hint: fix these variables in the environment; values are never shown in messages.',
      ].join('\n'),
    );
    expect((error as InvalidConfigError).issues).toEqual([
      { key: 'PORT', message: 'expected an integer, got a non-numeric value' },
      { key: 'MODE', message: 'expected one of "dev", "prod", got another value' },
      { key: 'HOST', message: 'expected a string, got nothing (not set)' },
    ]);
    expect(error.cause).toBeUndefined();
  });

  it('says "1 problem" for one', async () => {
    const error = await rejectionOf(loadConfig({ PORT: configSchema.integer() }, { env: {} }));
    expect(error.message.split('\n')[0]).toBe('Invalid configuration: 1 problem.');
  });

  it('never puts a value in the message, whatever the field kind', async () => {
    const schema = {
      N: configSchema.number(),
      I: configSchema.integer(),
      B: configSchema.boolean(),
      E: configSchema.enum(['a', 'b']),
      U: configSchema.url(),
      D: configSchema.duration(),
    };
    const env = Object.fromEntries(Object.keys(schema).map((key) => [key, SECRET]));
    const error = await rejectionOf(loadConfig(schema, { env }));
    expect(problemLines(error)).toHaveLength(6);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('hunter2');
  });

  it('returns a frozen config, without the variables the schema does not name', async () => {
    const config = await loadConfig({ PORT: configSchema.integer().default(1) }, { env: { PORT: '2', OTHER: 'x' } });
    expect(config).toEqual({ PORT: 2 });
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 3;
    }).toThrow(TypeError);
  });

  it('reads process.env when no env is given', async () => {
    const key = `KEEL_TEST_PORT_${process.pid}`;
    process.env[key] = '4321';
    try {
      const config = await loadConfig({ [key]: configSchema.integer() });
      expect(config[key]).toBe(4321);
    } finally {
      delete process.env[key];
    }
  });

  describe('envFile', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'keel-config-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('fills variables the environment lacks, never overriding it, and never touching process.env', async () => {
      const envFile = join(dir, '.env');
      writeFileSync(envFile, 'PORT=1111\nHOST=from-file\n');
      const env = { PORT: '2222' };
      const config = await loadConfig({ PORT: configSchema.integer(), HOST: configSchema.string() }, { env, envFile });
      expect(config).toEqual({ PORT: 2222, HOST: 'from-file' });
      expect(env).toEqual({ PORT: '2222' });
      expect(process.env.HOST).not.toBe('from-file');
    });

    it('names the file in the hint when validation fails', async () => {
      const envFile = join(dir, '.env');
      writeFileSync(envFile, `PORT=${SECRET}\n`);
      const error = await rejectionOf(loadConfig({ PORT: configSchema.integer() }, { env: {}, envFile }));
      expect(error.message.split('\n').slice(1)).toEqual([
        '  PORT: expected an integer, got a non-numeric value',
        `Hint: fix these variables in the environment or "${envFile}"; values are never shown in messages.`,
      ]);
    });

    it('fails with ENV_FILE on a malformed file before validating', async () => {
      const envFile = join(dir, '.env');
      writeFileSync(envFile, `PORT=1\n${SECRET}\n`);
      const error = await rejectionOf(loadConfig({ PORT: configSchema.integer() }, { env: {}, envFile }));
      expect([error.code, error.message.split('\n')[0]]).toEqual([
        'ENV_FILE',
        `Malformed line 2 in env file "${envFile}": expected KEY=value, found no "=".`,
      ]);
      expect(error.message).not.toContain(SECRET);
    });
  });

  describe('with a Standard Schema', () => {
    it('validates the whole env object with zod, typed and frozen', async () => {
      const schema = z.object({ PORT: z.coerce.number().int(), TAGS: z.string().transform((s) => s.split(',')) });
      const config = await loadConfig(schema, { env: { PORT: '80', TAGS: 'a,b', UNRELATED: 'x' } });
      const port: number = config.PORT;
      expect([port, config.TAGS]).toEqual([80, ['a', 'b']]);
      expect(Object.isFrozen(config)).toBe(true);
      expect(Object.isFrozen(config.TAGS)).toBe(true);
    });

    it('reports every zod issue by key, keeping what was expected but not what was received', async () => {
      const schema = z.object({
        PORT: z.coerce.number().int(),
        MODE: z.enum(['dev', 'prod']),
        API: z.url(),
        TOKEN: z.string().min(32),
        MISSING: z.string(),
      });
      const env = { PORT: SECRET, MODE: SECRET, API: SECRET, TOKEN: SECRET };
      const error = await rejectionOf(loadConfig(schema, { env }));
      expect(error.code).toBe('INVALID_CONFIG');
      expect(problemLines(error)).toEqual([
        '  PORT: Invalid input: expected number',
        '  MODE: Invalid option: expected one of "dev"|"prod"',
        '  API: Invalid URL',
        '  TOKEN: Too small: expected string to have >=32 characters',
        '  MISSING: Invalid input: expected string (not set)',
      ]);
      expect(error.message).not.toContain(SECRET);
    });

    it('reports every valibot issue by key, cutting the "but received ..." that quotes the value', async () => {
      const schema = v.object({
        MODE: v.picklist(['dev', 'prod']),
        API: v.pipe(v.string(), v.url()),
        TOKEN: v.pipe(v.string(), v.minLength(32)),
        MISSING: v.string(),
      });
      const env = { MODE: SECRET, API: SECRET, TOKEN: SECRET };
      const error = await rejectionOf(loadConfig(schema, { env }));
      expect(problemLines(error)).toEqual([
        '  MODE: Invalid type: Expected ("dev" | "prod")',
        '  API: Invalid URL',
        '  TOKEN: Invalid length: Expected >=32',
        '  MISSING: Invalid key: Expected "MISSING" (not set)',
      ]);
      expect(error.message).not.toContain(SECRET);
    });

    it('withholds a custom message that quotes the value, for zod and valibot alike', async () => {
      const zodSchema = z.object({
        KEY: z.string().refine((s) => s.startsWith('sk_'), { error: (issue) => `bad key ${String(issue.input)}` }),
      });
      const valibotSchema = v.object({
        KEY: v.pipe(
          v.string(),
          v.check(
            (s) => s.startsWith('sk_'),
            (issue) => `bad key ${String(issue.input)}`,
          ),
        ),
      });
      for (const schema of [zodSchema, valibotSchema] as ConfigSchema[]) {
        const error = await rejectionOf(loadConfig(schema, { env: { KEY: SECRET } }));
        expect(problemLines(error)).toEqual(['  KEY: is invalid (the validator message quoted the value, so it is not shown)']);
      }
    });

    it('withholds a whole-object message that quotes any variable', async () => {
      const schema = z
        .object({ A: z.string(), B: z.string() })
        .refine((o) => o.A === o.B, { error: (issue) => `A and B differ: ${JSON.stringify(issue.input)}` });
      const error = await rejectionOf(loadConfig(schema, { env: { A: SECRET, B: 'other' } }));
      expect(problemLines(error)).toEqual(['  (config): is invalid (the validator message quoted the value, so it is not shown)']);
    });

    it('withholds a nested key that was parsed out of the value', async () => {
      const schema = z.object({
        LIMITS: z
          .string()
          .transform((s) => Object.fromEntries(s.split(',').map((pair) => pair.split(':'))) as Record<string, string>)
          .pipe(z.record(z.string(), z.string().regex(/^\d+$/))),
      });
      const error = await rejectionOf(loadConfig(schema, { env: { LIMITS: `api:10,${SECRET}:x` } }));
      expect(problemLines(error)).toEqual(['  LIMITS.<withheld>: Invalid string: must match pattern /^\\d+$/']);
    });

    it('awaits an asynchronous validator', async () => {
      const schema = z.object({ NAME: z.string().refine(async (s) => s.length > 2, { error: 'too short' }) });
      await expect(loadConfig(schema, { env: { NAME: 'keel' } })).resolves.toEqual({ NAME: 'keel' });
      const error = await rejectionOf(loadConfig(schema, { env: { NAME: 'k' } }));
      expect(problemLines(error)).toEqual(['  NAME: too short']);
    });

    it('accepts any object implementing Standard Schema v1, with nested paths', async () => {
      const custom: StandardSchemaV1<unknown, { DB: { port: number } }> = {
        '~standard': {
          version: 1,
          vendor: 'custom',
          validate: async () => ({
            issues: [{ message: 'must be below 1024, got 5432', path: ['DB', { key: 'port' }] }, { message: 'whole' }],
          }),
        },
      };
      const error = await rejectionOf(loadConfig(custom, { env: {} }));
      expect(problemLines(error)).toEqual(['  DB.port: must be below 1024', '  (config): whole']);
      const typed: InferConfig<typeof custom> extends Readonly<{ DB: { port: number } }> ? true : false = true;
      expect(typed).toBe(true);
    });

    it('turns a schema that throws into INVALID_CONFIG without its message or cause, which may quote the value', async () => {
      const schema = z.object({ JSON: z.string().transform((s) => JSON.parse(s) as unknown) });
      const error = await rejectionOf(loadConfig(schema, { env: { JSON: SECRET } }));
      expect(error.code).toBe('INVALID_CONFIG');
      expect(error.message.split('\n')[0]).toBe('Config schema (zod) threw SyntaxError instead of reporting issues.');
      expect(error.cause).toBeUndefined();
      expect(error.message).not.toContain(SECRET);
    });
  });

  it('rejects a schema that is neither a field record nor a Standard Schema', async () => {
    const error = await rejectionOf(loadConfig({ PORT: 3000 } as unknown as ConfigSchema, { env: {} }));
    expect([error.code, error.message.split('\n')[0]]).toEqual(['INVALID_CONFIG', 'Config schema key "PORT" is not a configSchema field.']);
  });
});
