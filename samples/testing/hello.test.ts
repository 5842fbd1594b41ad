import 'reflect-metadata';
import { createTestingApp } from 'keel/testing';
import { AppModule } from '../hello/app.module';
import type { HelloConfig } from '../hello/config';
import { Database } from '../hello/database';

/** HttpServerModule's server, named after its handler token. */
const SERVER = 'HttpServer(HELLO_ROUTES)';

// A first test of samples/hello, as a user would write it: the Database replaced by a fake,
// the port set to 0 through CONFIG (not process.env), a real request, a clean stop.
describe('samples/hello', () => {
  it('greets through the HTTP server with a fake Database, and leaves nothing behind', async () => {
    const visits: string[] = [];
    const fakeDb = { visit: (name: string) => visits.push(name) };
    const testing = createTestingApp(AppModule)
      .overrideProvider(Database)
      .useValue(fakeDb)
      .overrideConfig<HelloConfig>({ PORT: 0, GREETING: 'Howdy' });
    const app = await testing.compile({ detectLeaks: true });
    await app.start();

    const ready = testing.logger.find({ service: SERVER, text: /^ready on / });
    const response = await fetch(`http://127.0.0.1:${String(ready?.meta['port'])}/hello?name=ada`);
    expect([response.status, await response.text()]).toEqual([200, 'Howdy, ada! (visit #1)\n']);
    expect(visits).toEqual(['ada']);

    await app.stop(); // rejects with LeakError if the server or a timer outlived the app
    expect(testing.logger.lines({ service: SERVER })).toEqual([expect.stringMatching(/^ready on /), 'http server closed']);
  });

  it('is built in dependency order: the server needs the routes, which need the Greeter, which needs the Database', async () => {
    const app = await createTestingApp(AppModule).overrideConfig<HelloConfig>({ PORT: 0 }).compile();
    const order = app.graph().startOrder;
    const at = (name: string) => order.indexOf(name);
    expect(at('Database') < at('Greeter') && at('Greeter') < at('HELLO_ROUTES') && at('HELLO_ROUTES') < at(SERVER)).toBe(true);
  });
});
