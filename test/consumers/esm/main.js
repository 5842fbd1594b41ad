// A native ESM app ("type": "module") importing keel's named exports from its packed tarball.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { injectable, inject, decorate } from 'inversify';
import { Module, OnStart, OnStop, createApplication, Application } from 'keel';
import { createTestingApp, ManualSignals } from 'keel/testing';

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
await tested.start();
testing.signals.emit('SIGTERM');
await tested.closing();
console.log('esm consumer ok');
