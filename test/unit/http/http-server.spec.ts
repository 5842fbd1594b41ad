import 'reflect-metadata';
import { createConnection, createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createHttpServer, type IncomingMessage, type Server as NodeHttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { injectable } from 'inversify';
import {
  HttpServerModule,
  LifecycleHookError,
  Module,
  OnStop,
  type Application,
  type HttpServerModuleOptions,
  type Provider,
} from '../../../src';
import { createTestingApp, type MemoryLogger } from '../../../src/testing';
import { get, keepAliveAgent } from './http-client';

const HANDLER = Symbol('HANDLER');

interface Built {
  app: Application;
  logger: MemoryLogger;
  url: () => string;
}

async function build(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: Partial<HttpServerModuleOptions> = {},
  providers: Provider[] = [],
  server?: NodeHttpServer | HttpsServer,
): Promise<Built> {
  const Http = HttpServerModule.forRoot({ handler: HANDLER, port: 0, host: '127.0.0.1', drainDelay: 0, ...options });
  @Module({ imports: [Http], providers: [{ provide: HANDLER, useValue: server ?? handler }, ...providers] })
  class AppModule {}
  const builder = createTestingApp(AppModule, { shutdownTimeout: 5000 });
  const app = await builder.compile();
  return { app, logger: builder.logger, url: () => app.get(Http.server).url! };
}

const ok = (_req: IncomingMessage, res: ServerResponse) => void setTimeout(() => res.end('ok'), 5);

describe('HttpServerModule', () => {
  describe('start', () => {
    it('listens in OnStart and logs "ready on http://host:port"', async () => {
      const { app, logger, url } = await build(ok);
      await app.start();
      try {
        expect(url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(logger.lines('info')).toContainEqual(expect.stringContaining(`ready on ${url()}`));
        expect((await get(`${url()}/anything`)).body).toBe('ok');
      } finally {
        await app.stop();
      }
    });

    it('fails with a LifecycleHookError naming host:port, with a hint, when the port is taken', async () => {
      const holder = await occupyPort();
      const port = (holder.address() as { port: number }).port;
      try {
        const { app } = await build(ok, { port });
        const error = await app.start().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(LifecycleHookError);
        expect((error as Error).message).toContain(`127.0.0.1:${port} is already in use`);
        expect((error as Error).message).toMatch(/hint: .*another port/);
        expect(app.state).toBe('failed');
      } finally {
        holder.close();
      }
    });

    it('reads port and host from CONFIG when given as functions', async () => {
      const holder = await occupyPort();
      const port = (holder.address() as { port: number }).port;
      holder.close();
      const { app, url } = await build(
        ok,
        {
          port: (config: Record<string, unknown>) => Number(config.TEST_HTTP_PORT),
          host: () => '127.0.0.1',
        },
        [{ provide: Symbol.for('keel.CONFIG'), useValue: { TEST_HTTP_PORT: String(port) } }],
      );
      await app.start();
      try {
        expect(url()).toBe(`http://127.0.0.1:${port}`);
      } finally {
        await app.stop();
      }
    });

    it('names its url https:// for an https.Server it was given, and http:// for one of node:http', async () => {
      const urls: string[] = [];
      for (const server of [createHttpsServer(ok), createHttpServer(ok)]) {
        const { app, url } = await build(ok, {}, [], server);
        await app.start();
        urls.push(url().replace(/:\d+$/, ':port'));
        await app.stop();
      }
      expect(urls).toEqual(['https://127.0.0.1:port', 'http://127.0.0.1:port']);
    });

    it('rejects a handler that is neither a request listener nor an http.Server, at build', async () => {
      const Http = HttpServerModule.forRoot({ handler: HANDLER, port: 0 });
      @Module({ imports: [Http], providers: [{ provide: HANDLER, useValue: { not: 'a listener' } }] })
      class AppModule {}
      await expect(createTestingApp(AppModule).compile()).rejects.toThrow(
        /HANDLER" of HttpServer\(HANDLER\) is an object \(Object\), not a request listener/,
      );
    });
  });

  describe('several servers', () => {
    it('runs one server per forRoot call, each under its own token', async () => {
      const API = Symbol('API');
      const ADMIN = Symbol('ADMIN');
      const Api = HttpServerModule.forRoot({ handler: API, port: 0, host: '127.0.0.1', drainDelay: 0 });
      const Admin = HttpServerModule.forRoot({ handler: ADMIN, port: 0, host: '127.0.0.1', drainDelay: 0 });
      @Module({
        imports: [Api, Admin],
        providers: [
          { provide: API, useValue: (_req: IncomingMessage, res: ServerResponse) => res.end('api') },
          { provide: ADMIN, useValue: (_req: IncomingMessage, res: ServerResponse) => res.end('admin') },
        ],
      })
      class AppModule {}
      const app = await createTestingApp(AppModule, { shutdownTimeout: 5000 }).compile();
      await app.start();
      try {
        const api = app.get(Api.server).url!;
        const admin = app.get(Admin.server).url!;
        expect(api).not.toBe(admin);
        expect([(await get(api)).body, (await get(admin)).body]).toEqual(['api', 'admin']);
        expect([(await get(`${api}/readyz`)).status, (await get(`${admin}/readyz`)).status]).toEqual([200, 200]);
        expect(app.graph().nodes.map((n) => n.name)).toEqual(expect.arrayContaining(['HttpServer(API)', 'HttpServer(ADMIN)']));
      } finally {
        await app.stop();
      }
    });
  });

  describe('stop', () => {
    it('stops the server before the services its handler injects, however the handler was provided', async () => {
      const calls: string[] = [];
      @injectable()
      class Database {
        @OnStop() disconnect() {
          calls.push('Database.disconnect');
        }
      }
      const FACTORY = Symbol('FACTORY');
      const Http = HttpServerModule.forRoot({ handler: HANDLER, port: 0, host: '127.0.0.1', drainDelay: 0 });
      @Module({
        imports: [Http],
        providers: [
          Database,
          {
            provide: FACTORY,
            useFactory: (db: Database) => (_req: IncomingMessage, res: ServerResponse) => res.end(String(!!db)),
            inject: [Database],
          },
          { provide: HANDLER, useExisting: FACTORY },
        ],
      })
      class AppModule {}
      const builder = createTestingApp(AppModule, { shutdownTimeout: 5000 });
      const app = await builder.compile();
      app.onEvent(
        (event) =>
          void (event.type === 'hook:finished' && event.phase === 'stop' && event.hook === 'HttpServer.close' && calls.push(event.hook)),
      );
      await app.start();
      await app.stop();
      expect(calls).toEqual(['HttpServer.close', 'Database.disconnect']);
    });

    it('keeps serving keep-alive clients through the drain with Connection: close, and no request fails', async () => {
      const { app, logger, url } = await build(ok, { drainDelay: 300 });
      await app.start();
      const base = url();
      const agent = keepAliveAgent(8);
      const tally = { ok: 0, failed: 0, closeHeaders: 0 };
      // Each client acts like a balancer: it stops sending to this replica once told the connection closes.
      const client = async () => {
        for (;;) {
          try {
            const reply = await get(`${base}/work`, agent);
            if (reply.status === 200) tally.ok += 1;
            else tally.failed += 1;
            if (reply.headers.connection === 'close') {
              tally.closeHeaders += 1;
              return;
            }
          } catch {
            tally.failed += 1;
            return;
          }
        }
      };
      const clients = Array.from({ length: 8 }, client);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const stopped = app.stop('SIGTERM received');
      expect((await get(`${base}/readyz`)).status).toBe(503);
      await Promise.all(clients);
      await stopped;
      agent.destroy();
      expect(tally.failed).toBe(0);
      expect(tally.ok).toBeGreaterThan(8);
      expect(tally.closeHeaders).toBe(8);
      expect(logger.lines('warn')).toEqual([]);
    });

    it('closes idle keep-alive sockets when the listener closes, without waiting for requests in flight', async () => {
      const calls: string[] = [];
      let release: (() => void) | undefined;
      const handler = (req: IncomingMessage, res: ServerResponse) => {
        if (req.url === '/slow') release = () => res.end('slow');
        else res.end('fast');
      };
      const { app, url } = await build(handler, { serverOptions: { keepAliveTimeout: 60_000 } });
      await app.start();
      const agent = keepAliveAgent(10);
      const idle = await Promise.all([1, 2, 3].map(() => get(`${url()}/fast`, agent)));
      expect(idle.map((r) => r.headers.connection)).toEqual(['keep-alive', 'keep-alive', 'keep-alive']);
      const idleSockets = Object.values(agent.freeSockets).flat() as Socket[];
      expect(idleSockets).toHaveLength(3);
      for (const socket of idleSockets) socket.once('close', () => calls.push('idle socket closed'));
      const slow = get(`${url()}/slow`, keepAliveAgent(1)).then((r) => calls.push(`slow answered ${r.status} ${r.headers.connection}`));
      await until(() => release !== undefined);
      const stopped = app.stop();
      await until(() => calls.length === 3);
      release!();
      await slow;
      await stopped;
      agent.destroy();
      expect(calls).toEqual(['idle socket closed', 'idle socket closed', 'idle socket closed', 'slow answered 200 close']);
    });

    it('serves a request that arrives on a just-accepted connection after the listener closed, and drops silent ones after the grace', async () => {
      const calls: string[] = [];
      const { app, url } = await build(ok, { closeTimeout: 300 });
      await app.start();
      const { port } = new URL(url());
      const late = await connect(Number(port));
      const silent = await connect(Number(port));
      silent.once('close', () => calls.push('silent socket closed'));
      let answer = '';
      late.on('data', (chunk) => (answer += String(chunk)));
      late.once('close', () => calls.push(`late request answered: ${answer.split('\r\n')[0]}, ${/connection: close/i.test(answer)}`));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stopped = app.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      late.write('GET /late HTTP/1.1\r\nHost: x\r\n\r\n');
      await stopped;
      await until(() => calls.length === 2);
      expect(calls).toEqual(['late request answered: HTTP/1.1 200 OK, true', 'silent socket closed']);
    });

    it('cuts a request that never ends when closeTimeout runs out, and logs how many were cut', async () => {
      const hang = (req: IncomingMessage, res: ServerResponse) => void (req.url === '/hang' || res.end('ok'));
      const { app, logger, url } = await build(hang, { closeTimeout: 200 });
      await app.start();
      const hanging = get(`${url()}/hang`).then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await app.stop();
      expect(await hanging).toBe('ECONNRESET');
      const warn = logger.records.find((r) => r.level === 'warn');
      expect(warn?.message).toBe('cut 1 request(s) still running 200 ms after the listener closed');
      expect(warn?.meta).toMatchObject({ cut: 1 });
      expect(app.state).toBe('stopped');
    });
  });
});

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

function occupyPort(): Promise<NetServer> {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
