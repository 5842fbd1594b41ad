import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { ConfigModule, configSchema as s, InvalidConfigError, loadConfig } from '../../../src/config';
import { secretsOf } from '../../../src/config/secret-values';
import { createApplication } from '../../../src/create-application';
import { CONFIG, LOGGER } from '../../../src/entrypoint/tokens';
import type { Logger } from '../../../src/logging/logger';
import { OnStart } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';

const SECRET = 'hunter2-secret-value';

async function rejectionOf(promise: Promise<unknown>): Promise<InvalidConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InvalidConfigError)) throw new Error(`expected an InvalidConfigError, got ${String(error)}`);
  return error;
}

describe('secret config values', () => {
  it('s.secret() is a string field whose value is recorded as secret', async () => {
    const config = await loadConfig({ API_KEY: s.secret(), NAME: s.string() }, { env: { API_KEY: SECRET, NAME: 'public-name' } });

    expect(config).toEqual({ API_KEY: SECRET, NAME: 'public-name' });
    expect(secretsOf(config)).toEqual([SECRET, SECRET]);
  });

  it('refuses a secret shorter than 8 characters, naming the key and not the value', async () => {
    const error = await rejectionOf(loadConfig({ API_KEY: s.secret() }, { env: { API_KEY: 'abc1234' } }));

    expect(error.issues.map((issue) => issue.key)).toEqual(['API_KEY']);
    expect(error.message).toContain('at least 8 characters');
    expect(error.message).not.toContain('abc1234');
  });

  it('marks keys of any Standard Schema secret with `secrets`, and refuses short ones', async () => {
    const schema = z.object({ API_KEY: z.string(), PORT: z.coerce.number() });
    const config = await loadConfig(schema, { env: { API_KEY: SECRET, PORT: '80' }, secrets: ['API_KEY'] });
    const error = await rejectionOf(loadConfig(schema, { env: { API_KEY: 'short', PORT: '80' }, secrets: ['API_KEY'] }));

    expect(secretsOf(config)).toContain(SECRET);
    expect(error.issues.map((issue) => issue.key)).toEqual(['API_KEY']);
    expect(error.message).not.toContain('short,');
  });

  it('reports a missing secret once, as missing', async () => {
    const error = await rejectionOf(loadConfig({ API_KEY: s.secret() }, { env: {} }));

    expect(error.issues).toEqual([{ key: 'API_KEY', message: expect.stringContaining('not set') as unknown }]);
  });

  it("masks a ConfigModule secret in the app's default logger, even in a line written by a constructor", async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    @injectable()
    class Api {
      constructor(@inject(LOGGER) log: Logger, @inject(CONFIG) config: { API_KEY: string }) {
        log.info(`constructed with ${config.API_KEY}`);
      }
      @OnStart() start() {}
    }
    @Module({ imports: [ConfigModule.forRoot({ schema: { API_KEY: s.secret() }, env: { API_KEY: SECRET } })], providers: [Api] })
    class AppModule {}
    try {
      const app = await createApplication(AppModule, { logFormat: 'json', logBuffering: false });
      await app.start();
      await app.stop();
    } finally {
      write.mockRestore();
    }
    const text = lines.join('');

    expect(text).toContain('constructed with [secret]');
    expect(text).not.toContain(SECRET);
  });
});
