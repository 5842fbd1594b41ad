import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpServerModule, Module } from '../../../src';
import { createTestingApp } from '../../../src/testing';
import { VirtualClock } from '../../helpers/virtual-clock';

const HANDLER = Symbol('HANDLER');

describe('drain timing', () => {
  it('waits drainDelay on the application clock, from the instant stop began', async () => {
    const clock = new VirtualClock();
    const Http = HttpServerModule.forRoot({ handler: HANDLER, port: 0, host: '127.0.0.1', drainDelay: 5000 });
    @Module({ imports: [Http], providers: [{ provide: HANDLER, useValue: (_req: IncomingMessage, res: ServerResponse) => res.end() }] })
    class AppModule {}
    const builder = createTestingApp(AppModule, { clock, shutdownTimeout: 25_000 });
    const app = await builder.compile();
    await clock.run(app.start());
    const began = clock.now();
    await clock.run(app.stop());
    const closed = builder.logger.records.find((r) => r.message === 'http server closed');
    expect(builder.logger.lines('info')).toContain('draining: readiness is 503; closing the listener in 5000 ms');
    expect(closed?.meta).toMatchObject({ cut: 0, durationMs: 5000 });
    expect(clock.now() - began).toBe(5000);
  });
});
