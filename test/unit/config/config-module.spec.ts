import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import * as v from 'valibot';
import { z } from 'zod';
import { ConfigModule, configSchema, InvalidConfigError, type InferConfig } from '../../../src/config';
import { createApplication } from '../../../src/create-application';
import { CONFIG } from '../../../src/entrypoint/tokens';
import { KeelError } from '../../../src/errors';
import { OnStart } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';

const SECRET = 'hunter2-secret';

async function rejectionOf(promise: Promise<unknown>): Promise<KeelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KeelError)) throw new Error(`expected a KeelError, got ${String(error)}`);
  return error;
}

const schema = {
  PORT: configSchema.integer().default(3000),
  API_KEY: configSchema.string(),
  TIMEOUT: configSchema.duration().default(2000),
};

describe('ConfigModule.forRoot', () => {
  it('provides the validated, frozen config under CONFIG to services', async () => {
    @injectable()
    class Api {
      constructor(@inject(CONFIG) readonly config: InferConfig<typeof schema>) {}
    }
    @Module({ imports: [ConfigModule.forRoot({ schema, env: { API_KEY: 'k', TIMEOUT: '5s' } })], providers: [Api] })
    class AppModule {}

    const app = await createApplication(AppModule);

    expect(app.get(CONFIG)).toEqual({ PORT: 3000, API_KEY: 'k', TIMEOUT: 5000 });
    expect(Object.isFrozen(app.get(CONFIG))).toBe(true);
    expect(app.get(Api).config).toBe(app.get(CONFIG));
  });

  it('fails createApplication with every bad key, before any OnStart has run, never showing a value', async () => {
    const calls: string[] = [];
    @injectable()
    class Api {
      constructor(@inject(CONFIG) readonly config: InferConfig<typeof schema>) {}
      @OnStart() start() {
        calls.push('Api.start');
      }
    }
    @Module({ imports: [ConfigModule.forRoot({ schema, env: { PORT: SECRET, TIMEOUT: SECRET } })], providers: [Api] })
    class AppModule {}

    const error = await rejectionOf(createApplication(AppModule));

    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error.message.split('\n').slice(0, 4)).toEqual([
      'Invalid configuration: 3 problems.',
      '  PORT: expected an integer, got a non-numeric value',
      '  API_KEY: expected a string, got nothing (not set)',
      '  TIMEOUT: expected a duration such as 500ms, 2s, 5m, 1h, or a number of milliseconds, got another value',
    ]);
    expect(error.message).not.toContain(SECRET);
    expect(calls).toEqual([]);
  });

  it('validates with zod through forRoot', async () => {
    const zodSchema = z.object({ PORT: z.coerce.number().int(), MODE: z.enum(['dev', 'prod']) });
    @Module({ imports: [ConfigModule.forRoot({ schema: zodSchema, env: { PORT: '80', MODE: 'prod' } })] })
    class Good {}
    @Module({ imports: [ConfigModule.forRoot({ schema: zodSchema, env: { PORT: SECRET, MODE: SECRET } })] })
    class Bad {}

    expect((await createApplication(Good)).get(CONFIG)).toEqual({ PORT: 80, MODE: 'prod' });
    const error = await rejectionOf(createApplication(Bad));
    expect([error.code, error.message.split('\n')[0]]).toEqual(['INVALID_CONFIG', 'Invalid configuration: 2 problems.']);
    expect(error.message).not.toContain(SECRET);
  });

  it('validates with valibot through forRoot', async () => {
    const valibotSchema = v.object({ PORT: v.pipe(v.string(), v.transform(Number), v.number(), v.integer()) });
    @Module({ imports: [ConfigModule.forRoot({ schema: valibotSchema, env: { PORT: '8080' } })] })
    class Good {}
    @Module({ imports: [ConfigModule.forRoot({ schema: valibotSchema, env: { PORT: SECRET } })] })
    class Bad {}

    expect((await createApplication(Good)).get(CONFIG)).toEqual({ PORT: 8080 });
    const error = await rejectionOf(createApplication(Bad));
    expect(error.message.split('\n').slice(0, 2)).toEqual(['Invalid configuration: 1 problem.', '  PORT: Invalid type: Expected number']);
    expect(error.message).not.toContain(SECRET);
  });

  it('awaits an asynchronous Standard Schema before anything can use CONFIG', async () => {
    const asyncSchema = z.object({ NAME: z.string().refine(async (s) => s !== 'admin', { error: 'is reserved' }) });
    @Module({ imports: [ConfigModule.forRoot({ schema: asyncSchema, env: { NAME: 'keel' } })] })
    class Good {}
    @Module({ imports: [ConfigModule.forRoot({ schema: asyncSchema, env: { NAME: 'admin' } })] })
    class Bad {}

    expect((await createApplication(Good)).get(CONFIG)).toEqual({ NAME: 'keel' });
    expect((await rejectionOf(createApplication(Bad))).message.split('\n')[1]).toBe('  NAME: is reserved');
  });

  it('reads the variables when the application is built, not when forRoot is called', async () => {
    const key = `KEEL_TEST_LATE_${process.pid}`;
    const ConfigFromProcess = ConfigModule.forRoot({ schema: { [key]: configSchema.string() } });
    @Module({ imports: [ConfigFromProcess] })
    class AppModule {}
    process.env[key] = 'set later';
    try {
      expect((await createApplication(AppModule)).get(CONFIG)).toEqual({ [key]: 'set later' });
    } finally {
      delete process.env[key];
    }
  });

  it('returns a module class named ConfigModule, and checks the schema at once', () => {
    expect(ConfigModule.forRoot({ schema }).name).toBe('ConfigModule');
    expect(() => ConfigModule.forRoot({ schema: { PORT: 'integer' } as never })).toThrow(
      'Config schema key "PORT" is not a configSchema field.',
    );
  });
});
