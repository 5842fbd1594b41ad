import { createServer, type IncomingMessage, type Server as NodeHttpServer, type ServerOptions, type ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { Application } from '../application';
import { OnStart, OnStop } from '../lifecycle/hook-decorators';
import type { Logger } from '../logging/logger';
import { ConnectionTracker, FRESH_SOCKET_GRACE_MS } from './connection-tracker';
import { HealthReporter, type HealthAnswer } from './health-report';
import { isTlsServer } from './is-tls-server';
import type { RequestListener } from './http-server-options';
import { closeServer, listen } from './listen';

/** A host and port, resolved from the options and CONFIG. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** Everything an HttpServer is made of, resolved when the application is built. */
export interface HttpServerParts {
  name: string;
  target: RequestListener | Server;
  app: Application;
  log: Logger;
  address: ListenAddress;
  /** Probe paths, and the separate probe address if any; undefined when probes are off. */
  health: { livenessPath: string; readinessPath: string; address: ListenAddress | undefined } | undefined;
  drainDelay: number;
  closeTimeout: number;
  serverOptions: ServerOptions | undefined;
}

type Listener = (this: unknown, req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * One HTTP server in the lifecycle. OnStart listens (after everything the
 * handler injects has started). From the instant stop begins, readiness answers
 * 503 and responses carry `Connection: close`; its OnStop keeps serving for
 * drainDelay, closes the listener and the idle keep-alive sockets, lets
 * in-flight requests finish within closeTimeout, then destroys what remains
 * and logs how many requests were cut. Only then do the handler's services stop.
 */
export class HttpServer {
  /** The node:http (or https) server: the app's own, or one made around the listener. */
  readonly server: Server;
  private readonly probeServer: NodeHttpServer | undefined;
  private readonly tracker: ConnectionTracker;
  private readonly health: HealthReporter;
  private readonly listeners: Listener[];
  private drainingSince: number | undefined;
  private wasRunning = false;
  private boundUrl: string | undefined;
  private boundProbeUrl: string | undefined;

  constructor(private readonly parts: HttpServerParts) {
    const { target, app, health } = parts;
    this.server = typeof target === 'function' ? createServer(parts.serverOptions ?? {}) : target;
    // An app-built server keeps its own request listeners; keel answers the probes in front of them.
    this.listeners = typeof target === 'function' ? [target as Listener] : (this.server.listeners('request') as Listener[]);
    this.server.removeAllListeners('request');
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => this.dispatch(req, res, health?.address === undefined));
    this.tracker = new ConnectionTracker(this.server);
    this.health = new HealthReporter(app);
    if (health?.address) {
      this.probeServer = createServer((req, res) => this.dispatch(req, res, true, true));
    }
    app.shutdownSignal.addEventListener('abort', () => this.beginDrain(), { once: true });
    // Added while running (startServices), it is ready as soon as it listens.
    this.wasRunning = app.state === 'running';
    app.onEvent((event) => void (event.type === 'app:started' && (this.wasRunning = true)), { hooks: false });
  }

  /** `http://host:port` once listening. */
  get url(): string | undefined {
    return this.boundUrl;
  }

  /** `http://host:port` of the separate probe port, once listening; undefined when probes share the server. */
  get probeUrl(): string | undefined {
    return this.boundProbeUrl;
  }

  @OnStart()
  async listen(): Promise<void> {
    const { address, health, name, log } = this.parts;
    const port = await listen(this.server, address.port, address.host, name);
    this.boundUrl = `${isTlsServer(this.server) ? 'https' : 'http'}://${formatHost(address.host)}:${port}`;
    if (this.probeServer && health?.address) {
      try {
        const probePort = await listen(this.probeServer, health.address.port, health.address.host, `${name} probes`);
        this.boundProbeUrl = `http://${formatHost(health.address.host)}:${probePort}`;
        log.info(`probes on ${this.boundProbeUrl}${health.readinessPath}`, { port: probePort });
      } catch (error) {
        this.server.close();
        throw error;
      }
    }
    log.info(`ready on ${this.boundUrl}`, { url: this.boundUrl, port });
  }

  @OnStop()
  async close(): Promise<void> {
    const { app, drainDelay, closeTimeout, log } = this.parts;
    const { clock } = app;
    this.beginDrain();
    const since = this.drainingSince ?? clock.now();
    // Nobody was told this server is ready before it ran: no balancer to wait for.
    const wait = this.wasRunning ? drainDelay - (clock.now() - since) : 0;
    if (wait > 0) {
      log.info(`draining: readiness is 503; closing the listener in ${Math.round(wait)} ms`, { drainDelay });
      await sleep(app, wait);
    }
    const closed = closeServer(this.server);
    this.tracker.closeIdle(clock, Math.min(FRESH_SOCKET_GRACE_MS, closeTimeout));
    const inFlight = this.tracker.inFlight();
    let timer: unknown;
    const budget = new Promise<'budget'>((resolve) => (timer = clock.setTimeout(() => resolve('budget'), closeTimeout)));
    const outcome = await Promise.race([closed, budget]);
    clock.clearTimeout(timer);
    let cut = 0;
    if (outcome === 'budget') {
      cut = this.tracker.destroyAll();
      log.warn(`cut ${cut} request(s) still running ${closeTimeout} ms after the listener closed`, { cut, closeTimeout });
      await closed;
    }
    if (this.probeServer) {
      const probesClosed = closeServer(this.probeServer);
      this.probeServer.closeAllConnections();
      await probesClosed;
    }
    log.info('http server closed', { url: this.boundUrl, inFlightAtClose: inFlight, cut, durationMs: Math.round(clock.now() - since) });
  }

  private beginDrain(): void {
    if (this.drainingSince !== undefined) return;
    this.drainingSince = this.parts.app.clock.now();
    this.tracker.setHeaderOnPending('connection', 'close');
  }

  private dispatch(req: IncomingMessage, res: ServerResponse, probesHere: boolean, probesOnly = false): void {
    if (!probesOnly) this.tracker.track(req, res);
    if (this.drainingSince !== undefined) res.setHeader('connection', 'close');
    const { health } = this.parts;
    if (probesHere && health) {
      const path = (req.url ?? '/').split('?')[0];
      if (path === health.readinessPath) {
        this.health.readiness().then(
          (answer) => reply(res, answer),
          (error: unknown) => this.failed(error, req, res),
        );
        return;
      }
      if (path === health.livenessPath) return reply(res, this.health.liveness());
    }
    if (probesOnly) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    for (const listener of this.listeners) {
      try {
        const result = listener.call(this.server, req, res);
        if (result instanceof Promise) result.catch((error: unknown) => this.failed(error, req, res));
      } catch (error) {
        this.failed(error, req, res);
      }
    }
  }

  private failed(error: unknown, req: IncomingMessage, res: ServerResponse): void {
    this.parts.log.error('request handler failed', { error, method: req.method, path: (req.url ?? '/').split('?')[0] });
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error\n');
    else res.destroy();
  }
}

function reply(res: ServerResponse, { statusCode, body }: HealthAnswer): void {
  res.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function sleep(app: Application, ms: number): Promise<void> {
  return new Promise((resolve) => app.clock.setTimeout(resolve, ms));
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
