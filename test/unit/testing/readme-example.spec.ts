import 'reflect-metadata';
import { injectable } from 'inversify';
import { Module, OnStart } from '../../../src';
import { createTestingApp } from '../../../src/testing';

@injectable()
class Database {
  @OnStart() connect() {}
}
@Module({ providers: [Database] })
class AppModule {}

describe('the README testing example', () => {
  it('stops on a simulated SIGTERM and records keel lines in the MemoryLogger', async () => {
    const fakeDb = new Database();
    const testing = createTestingApp(AppModule).overrideProvider(Database).useValue(fakeDb);
    const app = await testing.compile();
    await app.start();
    testing.signals.emit('SIGTERM');
    await app.closing();
    expect(testing.logger.lines('info')).toContain('stopping (SIGTERM received)');
    expect(app.get(Database)).toBe(fakeDb);
  });
});
