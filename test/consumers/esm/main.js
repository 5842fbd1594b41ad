// A native ESM app ("type": "module") importing keel's named exports from its packed tarball.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { injectable, inject, decorate } from 'inversify';
import { Module, OnStart, OnStop, Cron, createApplication, Application, KeelError, MissingProviderError } from 'keel';
import { createTestingApp, ManualSignals, FakeClock } from 'keel/testing';

const calls = [];
class Database {
  connect() {
    calls.push('Database.connect');
  }
  close() {
    calls.push('Database.close');
  }
}
decorate(injectable(), Database);
OnStart()(Database.prototype, 'connect');
OnStop()(Database.prototype, 'close');

class Api {
  constructor(db) {
    this.db = db;
  }
  listen() {
    calls.push('Api.listen');
  }
  close() {
    calls.push('Api.close');
  }
}
decorate(injectable(), Api);
decorate(inject(Database), Api, 0);
OnStart()(Api.prototype, 'listen');
OnStop()(Api.prototype, 'close');

class AppModule {}
Module({ providers: [Api, Database] })(AppModule);

const app = await createApplication(AppModule, { logFormat: 'json', logLevel: 'error' });
assert.ok(app instanceof Application);
await app.start();
await app.stop();
assert.deepEqual(calls, ['Database.connect', 'Api.listen', 'Api.close', 'Database.close']);
const testing = createTestingApp(AppModule);
const tested = await testing.compile();
assert.ok(testing.signals instanceof ManualSignals);
// keel and keel/testing share one copy of every class: what one builds or throws is the other's.
assert.ok(tested instanceof Application);
class Orphan {
  constructor(missing) {
    this.missing = missing;
  }
}
decorate(injectable(), Orphan);
decorate(inject('NOT_PROVIDED'), Orphan, 0);
class BrokenModule {}
Module({ providers: [Orphan] })(BrokenModule);
const error = await createTestingApp(BrokenModule)
  .compile()
  .then(
    () => undefined,
    (e) => e,
  );
assert.ok(error instanceof MissingProviderError && error instanceof KeelError, `not keel's MissingProviderError: ${error}`);
assert.ok(KeelError.is(error, 'MISSING_PROVIDER'));
await tested.start();
testing.signals.emit('SIGTERM');
await tested.closing();
// @Cron loads croner (a dependency of the package) on first use; a FakeClock drives it.
const ticks = [];
class Report {
  send() {
    ticks.push(new Date(clock.date()).toISOString());
  }
}
decorate(injectable(), Report);
Cron('0 3 * * *', { timezone: 'UTC' })(Report.prototype, 'send');
class ReportModule {}
Module({ providers: [Report] })(ReportModule);
const clock = new FakeClock({ date: '2026-01-01T00:00:00Z' });
const reporting = await createTestingApp(ReportModule, { clock }).compile();
await reporting.start();
await clock.tickAsync(2 * 24 * 3_600_000);
await reporting.stop();
assert.deepEqual(ticks, ['2026-01-01T03:00:00.000Z', '2026-01-02T03:00:00.000Z']);
console.log('esm consumer ok');
