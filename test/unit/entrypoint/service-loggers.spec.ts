import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { createApplication } from '../../../src/create-application';
import { LOGGER } from '../../../src/entrypoint/tokens';
import { OnStart } from '../../../src/lifecycle/hook-decorators';
import type { Logger, LogMeta } from '../../../src/logging/logger';
import { Module } from '../../../src/module/module-decorator';
import { createTestingApp } from '../../../src/testing/create-testing-app';
import { MemoryLogger } from '../../../src/testing/memory-logger';

/** `message -> meta` for each record with one of the messages, so keel's own lines stay out of the way. */
function metaOf(logger: MemoryLogger, ...messages: string[]): Record<string, LogMeta> {
  return Object.fromEntries(logger.records.filter((r) => messages.includes(r.message)).map((r) => [r.message, r.meta]));
}

/** A Logger that is not a MemoryLogger: shows that children come from whatever LOGGER is bound. */
class ListLogger implements Logger {
  constructor(
    readonly lines: string[] = [],
    private readonly meta: LogMeta = {},
  ) {}
  error(message: string, meta?: LogMeta): void {
    this.info(message, meta);
  }
  warn(message: string, meta?: LogMeta): void {
    this.info(message, meta);
  }
  info(message: string, meta?: LogMeta): void {
    this.lines.push(`${message} ${JSON.stringify({ ...this.meta, ...meta })}`);
  }
  debug(): void {}
  child(meta: LogMeta): Logger {
    return new ListLogger(this.lines, { ...this.meta, ...meta });
  }
}

describe('service loggers', () => {
  it('gives a service added with startServices() its own child logger too', async () => {
    @injectable()
    class Reporter {
      constructor(@inject(LOGGER) private readonly log: Logger) {}
      @OnStart() start() {
        this.log.info('reporting');
      }
    }
    @Module({})
    class AppModule {}
    const testing = createTestingApp(AppModule);
    const app = await testing.compile();
    await app.start();
    await app.startServices(Reporter);
    expect(metaOf(testing.logger, 'reporting')).toEqual({ reporting: { service: 'Reporter' } });
    await app.stop();
  });

  it('gives each service that injects LOGGER a child carrying its class name', async () => {
    @injectable()
    class Database {
      constructor(@inject(LOGGER) private readonly log: Logger) {}
      @OnStart() connect() {
        this.log.info('connected');
      }
    }
    @injectable()
    class Api {
      constructor(
        readonly db: Database,
        @inject(LOGGER) private readonly log: Logger,
      ) {}
      @OnStart() listen() {
        this.log.info('listening', { port: 80 });
      }
    }
    @Module({ providers: [Database, Api] })
    class AppModule {}

    const testing = createTestingApp(AppModule);
    const app = await testing.compile();
    await app.start();
    await app.stop();
    expect(metaOf(testing.logger, 'connected', 'listening')).toEqual({
      connected: { service: 'Database' },
      listening: { service: 'Api', port: 80 },
    });
  });

  it('gives a property-injected LOGGER the same child', async () => {
    @injectable()
    class Mailer {
      @inject(LOGGER) private readonly log!: Logger;
      send() {
        this.log.info('sent');
      }
    }
    @Module({ providers: [Mailer] })
    class AppModule {}

    const testing = createTestingApp(AppModule);
    const app = await testing.compile();
    app.get(Mailer).send();
    expect(metaOf(testing.logger, 'sent')).toEqual({ sent: { service: 'Mailer' } });
  });

  it('returns the root logger, without service meta, from a top-level app.get(LOGGER)', async () => {
    @injectable()
    class Worker {
      constructor(@inject(LOGGER) readonly log: Logger) {}
    }
    @Module({ providers: [Worker] })
    class AppModule {}

    const testing = createTestingApp(AppModule);
    const app = await testing.compile();
    const root = app.get(LOGGER);
    root.info('from the root');
    app.get(Worker).log.info('from the worker');
    expect([root === testing.logger, metaOf(testing.logger, 'from the root', 'from the worker')]).toEqual([
      true,
      { 'from the root': {}, 'from the worker': { service: 'Worker' } },
    ]);
  });

  it("gives a factory that injects LOGGER a child named after the factory's token", async () => {
    const CACHE = Symbol('CACHE');
    @Module({
      providers: [
        {
          provide: CACHE,
          useFactory: (log: Logger) => {
            log.info('cache built');
            return { log };
          },
          inject: [LOGGER],
        },
        {
          provide: 'queue',
          useFactory: (log: Logger) => {
            log.info('queue built');
            return {};
          },
          inject: [LOGGER],
        },
      ],
    })
    class AppModule {}

    const testing = createTestingApp(AppModule);
    await testing.compile();
    expect(metaOf(testing.logger, 'cache built', 'queue built')).toEqual({
      'cache built': { service: 'CACHE' },
      'queue built': { service: 'queue' },
    });
  });

  it('names the injecting service, not the service that depends on it', async () => {
    @injectable()
    class Repository {
      constructor(@inject(LOGGER) readonly log: Logger) {}
    }
    @injectable()
    class Orders {
      constructor(readonly repository: Repository) {}
    }
    @Module({ providers: [Orders, Repository] })
    class AppModule {}

    const testing = createTestingApp(AppModule);
    const app = await testing.compile();
    app.get(Orders).repository.log.info('saved');
    expect(metaOf(testing.logger, 'saved')).toEqual({ saved: { service: 'Repository' } });
  });

  it('still gives children when the test overrides LOGGER with a custom Logger', async () => {
    @injectable()
    class Billing {
      constructor(@inject(LOGGER) readonly log: Logger) {}
    }
    @Module({ providers: [Billing] })
    class AppModule {}

    const custom = new ListLogger();
    const app = await createTestingApp(AppModule).overrideProvider(LOGGER).useValue(custom).compile();
    app.get(Billing).log.info('charged');
    expect(custom.lines).toEqual(['charged {"service":"Billing"}']);
  });

  it('still gives children when the app provides LOGGER itself', async () => {
    const custom = new ListLogger();
    @injectable()
    class Billing {
      constructor(@inject(LOGGER) readonly log: Logger) {}
    }
    @Module({ providers: [Billing, { provide: LOGGER, useFactory: () => custom }] })
    class AppModule {}

    const app = await createApplication(AppModule, { logLevel: 'error' });
    app.get(Billing).log.info('charged');
    expect([app.get(LOGGER) === custom, custom.lines.filter((l) => l.startsWith('charged'))]).toEqual([
      true,
      ['charged {"service":"Billing"}'],
    ]);
  });

  it('still gives children when the app provides LOGGER as an alias of its own logger class', async () => {
    @injectable()
    class AppLogger extends ListLogger {}
    @injectable()
    class Billing {
      constructor(@inject(LOGGER) readonly log: Logger) {}
    }
    @Module({ providers: [AppLogger, Billing, { provide: LOGGER, useExisting: AppLogger }] })
    class AppModule {}

    const app = await createApplication(AppModule, { logLevel: 'error' });
    app.get(Billing).log.info('charged');
    expect(app.get(AppLogger).lines.filter((l) => l.startsWith('charged'))).toEqual(['charged {"service":"Billing"}']);
  });
});
