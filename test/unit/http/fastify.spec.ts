import 'reflect-metadata';
import Fastify from 'fastify';
import { injectable } from 'inversify';
import { HttpServerModule, Module, OnStop } from '../../../src';
import { createTestingApp } from '../../../src/testing';
import { get, keepAliveAgent } from './http-client';

const FASTIFY_SERVER = Symbol('FASTIFY_SERVER');

describe('HttpServerModule with a Fastify server', () => {
  it('serves Fastify routes and keel probes on one server, drains, and stops it before what its routes use', async () => {
    const calls: string[] = [];
    @injectable()
    class Store {
      name = 'fastify';
      @OnStop() close() {
        calls.push('Store.close');
      }
    }
    const Http = HttpServerModule.forRoot({ handler: FASTIFY_SERVER, port: 0, host: '127.0.0.1', drainDelay: 100 });
    @Module({
      imports: [Http],
      providers: [
        Store,
        {
          provide: FASTIFY_SERVER,
          // The app builds Fastify and hands keel its server after ready(); keel listens and closes it.
          useFactory: async (store: Store) => {
            const fastify = Fastify();
            fastify.get('/hi', async () => ({ hello: store.name }));
            await fastify.ready();
            return fastify.server;
          },
          inject: [Store],
        },
      ],
    })
    class AppModule {}
    const app = await createTestingApp(AppModule, { shutdownTimeout: 5000 }).compile();
    app.onEvent((event) => void (event.type === 'hook:finished' && event.hook === 'HttpServer.close' && calls.push('HttpServer.close')));
    await app.start();
    const base = app.get(Http.server).url!;
    const agent = keepAliveAgent(1);
    expect(JSON.parse((await get(`${base}/hi`, agent)).body)).toEqual({ hello: 'fastify' });
    expect((await get(`${base}/readyz`)).status).toBe(200);
    const stopped = app.stop();
    const during = await get(`${base}/hi`, agent);
    expect([during.status, during.headers.connection]).toEqual([200, 'close']);
    expect((await get(`${base}/readyz`)).status).toBe(503);
    await stopped;
    agent.destroy();
    expect(calls).toEqual(['HttpServer.close', 'Store.close']);
  });
});
