import 'reflect-metadata';
import { inject, injectable } from 'inversify';
import { LOGGER, SIGNALS } from '../../../src/entrypoint/tokens';
import { OnStart, OnStop } from '../../../src/lifecycle/hook-decorators';
import type { Logger } from '../../../src/logging/logger';
import { Module } from '../../../src/module/module-decorator';
import { ManualSignals } from '../../../src/signals/manual-signals';
import { createTestingApp } from '../../../src/testing/create-testing-app';
import { MemoryLogger } from '../../../src/testing/memory-logger';

/** A Database -> Api app whose constructors and hooks record into `calls`. */
function recordingApp(calls: string[]) {
  @injectable()
  class Database {
    constructor() {
      calls.push('Database constructed');
    }
    @OnStart() connect() {
      calls.push('Database.connect');
    }
    @OnStop() disconnect() {
      calls.push('Database.disconnect');
    }
    query() {
      return 'real rows';
    }
  }
  @injectable()
  class Api {
    constructor(readonly db: Database) {
      calls.push('Api constructed');
    }
    @OnStart() listen() {
      calls.push(`Api.listen (${this.db.query()})`);
    }
    @OnStop() close() {
      calls.push('Api.close');
    }
  }
  @Module({ providers: [Database, Api] })
  class AppModule {}
  return { Database, Api, AppModule };
}

describe('createTestingApp', () => {
  describe('overrideProvider', () => {
    it('useValue replaces the provider before anything is built: the real constructor never runs', async () => {
      const calls: string[] = [];
      const { Database, AppModule } = recordingApp(calls);
      const app = await createTestingApp(AppModule)
        .overrideProvider(Database)
        .useValue({ query: () => 'fake rows' })
        .compile();
      await app.start();
      await app.stop();
      expect(calls).toEqual(['Api constructed', 'Api.listen (fake rows)', 'Api.close']);
    });

    it('useClass builds the replacement class instead, with its own dependencies and hooks', async () => {
      const calls: string[] = [];
      const { Database, AppModule } = recordingApp(calls);
      @injectable()
      class FakeDatabase {
        constructor(@inject(LOGGER) private readonly log: Logger) {
          calls.push('FakeDatabase constructed');
        }
        @OnStart() open() {
          this.log.info('fake open');
          calls.push('FakeDatabase.open');
        }
        query() {
          return 'class rows';
        }
      }
      const testing = createTestingApp(AppModule).overrideProvider(Database).useClass(FakeDatabase);
      const app = await testing.compile();
      await app.start();
      await app.stop();
      expect(calls).toEqual(['FakeDatabase constructed', 'Api constructed', 'FakeDatabase.open', 'Api.listen (class rows)', 'Api.close']);
      // The child logger is named after the token it is bound to.
      expect(testing.logger.records.filter((r) => r.message === 'fake open').map((r) => r.meta)).toEqual([{ service: 'Database' }]);
    });

    it('useFactory builds the replacement from its inputs', async () => {
      const calls: string[] = [];
      const { Database, AppModule } = recordingApp(calls);
      const PREFIX = Symbol('PREFIX');
      @Module({ imports: [AppModule], providers: [{ provide: PREFIX, useValue: 'factory' }] })
      class TestModule {}
      const app = await createTestingApp(TestModule)
        .overrideProvider(Database)
        .useFactory((prefix: string) => ({ query: () => `${prefix} rows` }), [PREFIX])
        .compile();
      await app.start();
      await app.stop();
      expect(calls).toEqual(['Api constructed', 'Api.listen (factory rows)', 'Api.close']);
    });

    it('keeps the last override of a token', async () => {
      const calls: string[] = [];
      const { Database, AppModule } = recordingApp(calls);
      const app = await createTestingApp(AppModule)
        .overrideProvider(Database)
        .useValue({ query: () => 'first' })
        .overrideProvider(Database)
        .useValue({ query: () => 'second' })
        .compile();
      await app.start();
      await app.stop();
      expect(calls).toEqual(['Api constructed', 'Api.listen (second)', 'Api.close']);
    });

    it('fails clearly when no module provides the token', async () => {
      const { AppModule } = recordingApp([]);
      class Ghost {}
      const error = await createTestingApp(AppModule)
        .overrideProvider(Ghost)
        .useValue({})
        .compile()
        .catch((e: unknown) => e);
      expect([(error as { code?: string }).code, (error as Error).message]).toEqual([
        'INVALID_PROVIDER',
        'Cannot override "Ghost": no module provides it.\nHint: override a token that a module provides, or add it to a module instead.',
      ]);
    });
  });

  describe('defaults', () => {
    it('binds the builder’s MemoryLogger as LOGGER and its ManualSignals as SIGNALS', async () => {
      const { AppModule } = recordingApp([]);
      const testing = createTestingApp(AppModule);
      const app = await testing.compile();
      expect([app.get(LOGGER) === testing.logger, app.get(SIGNALS) === testing.signals]).toEqual([true, true]);
    });

    it('captures keel’s own lines in the MemoryLogger', async () => {
      const { AppModule } = recordingApp([]);
      const testing = createTestingApp(AppModule);
      const app = await testing.compile();
      await app.start();
      testing.signals.emit('SIGTERM');
      await app.stop();
      expect(testing.logger.lines('info').slice(1)).toEqual(['stopping (SIGTERM received)', expect.stringMatching(/^stopped in /)]);
    });

    it('uses an overridden LOGGER and SIGNALS instead of the defaults', async () => {
      const calls: string[] = [];
      const { AppModule } = recordingApp(calls);
      const logger = new MemoryLogger();
      const signals = new ManualSignals();
      const testing = createTestingApp(AppModule).overrideProvider(LOGGER).useValue(logger).overrideProvider(SIGNALS).useValue(signals);
      const app = await testing.compile();
      await app.start();
      const counts = [testing.signals.emit('SIGTERM'), signals.emit('SIGTERM')];
      await app.stop();
      expect([app.get(LOGGER) === logger, counts, testing.logger.records.length, logger.lines('info')[1]]).toEqual([
        true,
        [0, 1],
        0,
        'stopping (SIGTERM received)',
      ]);
    });

    it('keeps a LOGGER or SIGNALS passed in options.overrides', async () => {
      const { AppModule } = recordingApp([]);
      const logger = new MemoryLogger();
      const signals = new ManualSignals();
      const testing = createTestingApp(AppModule, {
        overrides: [
          { provide: LOGGER, useValue: logger },
          { provide: SIGNALS, useValue: signals },
        ],
      });
      const app = await testing.compile();
      expect([app.get(LOGGER) === logger, app.get(SIGNALS) === signals]).toEqual([true, true]);
    });
  });

  describe('signals', () => {
    it("emit('SIGTERM') stops a running app in reverse dependency order", async () => {
      const calls: string[] = [];
      const { AppModule } = recordingApp(calls);
      const testing = createTestingApp(AppModule);
      const app = await testing.compile();
      await app.start();
      calls.length = 0;
      testing.signals.emit('SIGTERM');
      await app.closing();
      await app.stop();
      expect([calls, app.state]).toEqual([['Api.close', 'Database.disconnect'], 'stopped']);
    });

    it('stops listening once the app stops', async () => {
      const { AppModule } = recordingApp([]);
      const testing = createTestingApp(AppModule);
      const app = await testing.compile();
      await app.start();
      const running = testing.signals.subscriberCount;
      await app.stop();
      await app.closing();
      expect([running, testing.signals.subscriberCount]).toEqual([1, 0]);
    });

    it('does nothing to an app that has not started', async () => {
      const calls: string[] = [];
      const { AppModule } = recordingApp(calls);
      const testing = createTestingApp(AppModule);
      const app = await testing.compile();
      testing.signals.emit('SIGTERM');
      await app.start();
      await app.stop();
      expect([calls.filter((c) => !c.endsWith('constructed'))]).toEqual([
        ['Database.connect', 'Api.listen (real rows)', 'Api.close', 'Database.disconnect'],
      ]);
    });
  });

  it('builds a separate app each compile: nothing is shared between them', async () => {
    const calls: string[] = [];
    const { Database, AppModule } = recordingApp(calls);
    const testing = createTestingApp(AppModule);
    const first = await testing.compile();
    const second = await createTestingApp(AppModule).compile();
    expect([first.get(Database) === second.get(Database), calls.filter((c) => c === 'Database constructed').length]).toEqual([false, 2]);
  });
});
