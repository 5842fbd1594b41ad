// A plain CommonJS app using keel from its packed tarball (no TypeScript, decorators applied as functions).
require('reflect-metadata');
const assert = require('node:assert/strict');
const { injectable, inject, decorate } = require('inversify');
const { Application, KeelError, MissingProviderError, Module, OnStart, OnStop, createApplication, LOGGER } = require('keel');
const { createTestingApp, MemoryLogger } = require('keel/testing');

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

(async () => {
  const app = await createApplication(AppModule, { logFormat: 'json', logLevel: 'error' });
  await app.start();
  await app.stop();
  assert.deepEqual(calls, ['Database.connect', 'Api.listen', 'Api.close', 'Database.close']);
  const testing = createTestingApp(AppModule);
  const tested = await testing.compile();
  assert.ok(tested.get(LOGGER) instanceof MemoryLogger);
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
  console.log('cjs consumer ok');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
