import 'reflect-metadata';
import { PassThrough } from 'node:stream';
import { inject, injectable } from 'inversify';
import pino from 'pino';
import winston from 'winston';
import { LOGGER, Module, OnStart, createApplication, type Logger, type LogMeta } from '../../../src';

/** What an app writes to use pino as keel's LOGGER: a few lines of adapter. */
function pinoLogger(instance: pino.Logger): Logger {
  return {
    error: (message: string, meta?: LogMeta) => instance.error(meta ?? {}, message),
    warn: (message: string, meta?: LogMeta) => instance.warn(meta ?? {}, message),
    info: (message: string, meta?: LogMeta) => instance.info(meta ?? {}, message),
    debug: (message: string, meta?: LogMeta) => instance.debug(meta ?? {}, message),
    child: (meta: LogMeta) => pinoLogger(instance.child(meta)),
  };
}

function collect(stream: PassThrough): () => Record<string, unknown>[] {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
}

@injectable()
class Greeter {
  constructor(@inject(LOGGER) private readonly log: Logger) {}
  @OnStart() start() {
    this.log.info('greeter up');
  }
}

describe('an app-bound LOGGER', () => {
  it('receives keel lifecycle lines and service lines with their service name (pino)', async () => {
    const out = new PassThrough();
    const records = collect(out);
    @Module({ providers: [Greeter, { provide: LOGGER, useValue: pinoLogger(pino({ base: null }, out)) }] })
    class AppModule {}
    const app = await createApplication(AppModule);
    await app.start();
    await app.stop();
    const lines = records().map((r) => ({ msg: r.msg, service: r.service, component: r.component }));
    expect(lines).toContainEqual({ msg: 'greeter up', service: 'Greeter', component: undefined });
    expect(lines).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/^started \d+ services in/), component: 'keel' }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/^stopped in/), component: 'keel' }));
  });

  it('logs through winston untouched when logConfig is false', async () => {
    const out = new PassThrough();
    const records = collect(out);
    const transport = new winston.transports.Stream({ stream: out, format: winston.format.json() });
    winston.add(transport);
    try {
      @Module({ providers: [Greeter] })
      class AppModule {}
      const app = await createApplication(AppModule, { logConfig: false });
      await app.start();
      await app.stop();
      await new Promise((resolve) => setImmediate(resolve));
      const lines = records().map((r) => ({ message: r.message, service: r.service }));
      expect(lines).toContainEqual({ message: 'greeter up', service: 'Greeter' });
    } finally {
      winston.remove(transport);
    }
  });
});
