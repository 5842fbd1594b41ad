import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { injectable } from 'inversify';
import { HealthCheck, HttpServerModule, Module, OnStop, type HttpServerModuleOptions, type Provider } from '../../../src';
import { createTestingApp } from '../../../src/testing';
import { get } from './http-client';

const HANDLER = Symbol('HANDLER');
const hello = (_req: IncomingMessage, res: ServerResponse) => res.end('hello');

async function build(providers: Provider[], options: Partial<HttpServerModuleOptions> = {}) {
  const Http = HttpServerModule.forRoot({ handler: HANDLER, port: 0, host: '127.0.0.1', drainDelay: 0, ...options });
  @Module({ imports: [Http], providers: [{ provide: HANDLER, useValue: hello }, ...providers] })
  class AppModule {}
  const app = await createTestingApp(AppModule, { shutdownTimeout: 5000 }).compile();
  return { app, url: () => app.get(Http.server).url!, probeUrl: () => app.get(Http.server).probeUrl! };
}

describe('health endpoints', () => {
  it('answers /readyz 200 with each service state and each check by Class.method', async () => {
    @injectable()
    class Database {
      @HealthCheck() async ping() {}
    }
    const { app, url } = await build([Database]);
    await app.start();
    try {
      const reply = await get(`${url()}/readyz`);
      expect(reply.status).toBe(200);
      const body = JSON.parse(reply.body);
      expect(body).toMatchObject({ status: 'ok', state: 'running', draining: false });
      expect(body.checks).toEqual([{ name: 'Database.ping', status: 'pass', durationMs: expect.any(Number) }]);
      expect(body.services).toContainEqual({ name: 'Database', status: 'started' });
      expect((await get(`${url()}/healthz`)).status).toBe(200);
      expect((await get(`${url()}/other`)).body).toBe('hello');
    } finally {
      await app.stop();
    }
  });

  it('fails readiness on a check that hangs past its timeout or throws, and never shows the error text', async () => {
    @injectable()
    class Database {
      @HealthCheck({ timeout: 50 }) hangs() {
        return new Promise(() => undefined);
      }
      @HealthCheck() async rejects() {
        throw new Error('connect to postgres://admin:hunter2@db failed');
      }
      @HealthCheck() throws() {
        throw new Error('secret hunter2');
      }
    }
    const { app, url } = await build([Database]);
    await app.start();
    try {
      const reply = await get(`${url()}/readyz`);
      expect(reply.status).toBe(503);
      expect(reply.body).not.toContain('hunter2');
      const statuses = JSON.parse(reply.body).checks.map((c: { name: string; status: string }) => `${c.name} ${c.status}`);
      expect(statuses).toEqual(['Database.hangs timeout', 'Database.rejects fail', 'Database.throws fail']);
      // Liveness does not run readiness checks: a slow database does not restart the pod.
      expect((await get(`${url()}/healthz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('answers /readyz 503 from the instant stop begins, before any OnStop runs', async () => {
    const calls: string[] = [];
    @injectable()
    class Worker {
      @OnStop() stop() {
        calls.push('Worker.stop');
      }
    }
    const { app, url } = await build([Worker]);
    await app.start();
    const base = url();
    calls.push(`readyz ${(await get(`${base}/readyz`)).status}`);
    let readyzDuringStop: Promise<void> | undefined;
    app.onEvent(
      (event) => {
        if (event.type === 'app:stopping') {
          readyzDuringStop = app.shutdownWaitsFor(
            get(`${base}/readyz`).then((r) => void calls.push(`readyz ${r.status} ${JSON.parse(r.body).draining}`)),
          );
        }
      },
      { hooks: false },
    );
    app.onEvent((event) => void (event.type === 'hook:started' && event.phase === 'stop' && calls.push(`OnStop ${event.hook}`)));
    await app.stop();
    await readyzDuringStop;
    expect(calls.slice(0, 3)).toEqual(['readyz 200', 'readyz 503 true', expect.stringMatching(/^OnStop /)]);
    expect(calls).toContain('Worker.stop');
  });

  it('answers /healthz 503 while something is down at run time, and 200 again once it is up', async () => {
    const { app, url } = await build([]);
    await app.start();
    try {
      app.runtimeHealth.markDown('Poller.poll', 'restarting after a crash');
      const down = await get(`${url()}/healthz`);
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body).problems).toEqual([{ key: 'Poller.poll', reason: 'restarting after a crash' }]);
      app.runtimeHealth.markUp('Poller.poll');
      expect((await get(`${url()}/healthz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('answers /healthz 503 once the app has failed at run time, while it drains', async () => {
    const { app, url } = await build([], { drainDelay: 300 });
    await app.start();
    const base = url();
    expect((await get(`${base}/healthz`)).status).toBe(200);
    const stopped = app.fail(new Error('job gave up'), 'a job failed');
    const reply = await get(`${base}/healthz`);
    await stopped;
    expect([reply.status, JSON.parse(reply.body).status]).toEqual([503, 'unavailable']);
    expect(app.state).toBe('failed');
  });

  it('serves the probes on a separate port and custom paths when configured', async () => {
    const { app, url, probeUrl } = await build([], { health: { port: 0, readinessPath: '/ready', livenessPath: '/live' } });
    await app.start();
    try {
      expect(probeUrl()).not.toBe(url());
      expect([(await get(`${probeUrl()}/ready`)).status, (await get(`${probeUrl()}/live`)).status]).toEqual([200, 200]);
      expect((await get(`${probeUrl()}/readyz`)).status).toBe(404);
      // The handler's server no longer answers the probe paths itself.
      expect((await get(`${url()}/ready`)).body).toBe('hello');
    } finally {
      await app.stop();
    }
  });
});
