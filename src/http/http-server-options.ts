import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import type { Token } from '../module/token';

/** What a handler token may hold besides an http.Server: plain node:http, an Express app, a Koa `callback()`. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** A fixed value, or a function of the validated CONFIG (called once, when the application is built). */
export type FromConfig<T, C> = T | ((config: C) => T);

/** Where the probes answer and on which paths. */
export interface HealthEndpointOptions<C = Record<string, unknown>> {
  /** Liveness path. Default '/healthz'. */
  livenessPath?: string;
  /** Readiness path. Default '/readyz'. */
  readinessPath?: string;
  /** A separate port for the probes (an admin port); default: the handler's own server. */
  port?: FromConfig<number, C>;
  /** Host of the separate probe port. Default: the server's host. */
  host?: FromConfig<string, C>;
}

/** Options of HttpServerModule.forRoot(). */
export interface HttpServerModuleOptions<C = Record<string, unknown>> {
  /**
   * Token whose value is a request listener or an `http.Server` the app built
   * (Fastify's `server` after `ready()`). The server depends on this token, so
   * it stops before everything the handler uses.
   */
  handler: Token;
  /** Port to listen on; 0 picks a free one. A function receives CONFIG: `port: (config) => config.PORT`. */
  port: FromConfig<number, C>;
  /** Host to listen on. Default '0.0.0.0' (every IPv4 interface, what a container needs). */
  host?: FromConfig<string, C>;
  /** Names the server in the graph and logs: `HttpServer(<name>)`. Default: the handler token's name. */
  name?: string;
  /**
   * Ms between readiness turning 503 and the listener closing, while requests are
   * still served (with `Connection: close`). Default: KEEL_DRAIN_DELAY, else 5000
   * when KUBERNETES_SERVICE_HOST is set, else 0.
   */
  drainDelay?: number;
  /**
   * Ms in-flight requests may run once the listener has closed; what remains
   * then is destroyed and counted. Default: shutdownTimeout - drainDelay - a
   * reserve for the other OnStop hooks (a fifth of shutdownTimeout, at most 5 s).
   */
  closeTimeout?: number;
  /** Probe endpoints; `false` turns them off. */
  health?: HealthEndpointOptions<C> | false;
  /** Passed to `http.createServer()` when the handler is a request listener. */
  serverOptions?: ServerOptions;
}
