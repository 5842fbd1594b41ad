import { Server } from 'node:net';
import type { Application } from '../application';
import type { EntrypointSettings } from '../entrypoint/entrypoint-settings';
import { SETTINGS } from '../entrypoint/entrypoint-settings';
import { APPLICATION, CONFIG, LOGGER } from '../entrypoint/tokens';
import { InvalidProviderError, KeelError } from '../errors';
import type { Logger } from '../logging/logger';
import { Module, type ModuleClass } from '../module/module-decorator';
import { tokenName, type Token } from '../module/token';
import { resolveCloseTimeout, resolveDrainDelay } from './drain-settings';
import type { FromConfig, HttpServerModuleOptions, RequestListener } from './http-server-options';
import { HttpServer, type HttpServerParts, type ListenAddress } from './http-server';

/** The module class forRoot() returns; `server` is the token of its HttpServer (for `app.get(Api.server).url`). */
export type HttpServerModuleClass = ModuleClass & { readonly server: Token<HttpServer> };

/**
 * An HTTP server as a service of the application:
 *
 *   const Api = HttpServerModule.forRoot({ handler: API_HANDLER, port: (config: AppConfig) => config.PORT });
 *   @Module({ imports: [ConfigModule.forRoot({ schema }), Api], providers: [Db, { provide: API_HANDLER, useFactory: makeApi, inject: [Db] }] })
 *
 * Each call makes its own server under its own token, so one app may have
 * several (an API port and an admin port). The server's provider injects the
 * handler token, so it starts after and stops before everything the handler
 * uses, however the handler was provided.
 */
export class HttpServerModule {
  static forRoot<C = Record<string, unknown>>(options: HttpServerModuleOptions<C>): HttpServerModuleClass {
    assertOptions(options);
    const name = options.name ?? tokenName(options.handler);
    const token: Token<HttpServer> = Symbol(`HttpServer(${name})`);
    const module = class HttpServerModule {};
    Module({
      providers: [
        {
          provide: token,
          useFactory: (target: unknown, app: Application, log: Logger, config: C, settings: EntrypointSettings) =>
            new HttpServer(resolveParts(options, { name, target, app, log, config, settings })),
          inject: [options.handler, APPLICATION, LOGGER, CONFIG, SETTINGS],
        },
      ],
    })(module);
    return Object.assign(module, { server: token });
  }
}

interface Inputs<C> {
  name: string;
  target: unknown;
  app: Application;
  log: Logger;
  config: C;
  settings: EntrypointSettings;
}

function resolveParts<C>(options: HttpServerModuleOptions<C>, inputs: Inputs<C>): HttpServerParts {
  const { name, target, app, log, config, settings } = inputs;
  if (typeof target !== 'function' && !(target instanceof Server)) {
    throw new InvalidProviderError(
      `The handler "${tokenName(options.handler)}" of HttpServer(${name}) is ${describe(target)}, not a request listener or an http.Server.`,
      { hint: 'provide a (req, res) => void function (an Express app, a Koa callback()) or an http.Server the app built.' },
    );
  }
  if (target instanceof Server && target.listening) {
    throw new InvalidProviderError(`The http.Server given as "${tokenName(options.handler)}" is already listening.`, {
      hint: 'do not call listen() yourself: HttpServerModule listens in OnStart and closes in OnStop.',
    });
  }
  if (target instanceof Server && target.listenerCount('request') === 0) {
    throw new InvalidProviderError(`The http.Server given as "${tokenName(options.handler)}" has no 'request' listener.`, {
      hint: 'create it with http.createServer(listener), or pass the listener itself as the handler.',
    });
  }
  const host = fromConfig(options.host ?? '0.0.0.0', config);
  const address: ListenAddress = { host: checkHost(host, 'host'), port: checkPort(fromConfig(options.port, config), 'port') };
  const health = options.health === false ? undefined : (options.health ?? {});
  const drainDelay = resolveDrainDelay(options.drainDelay);
  return {
    name: `HttpServer(${name})`,
    target: target as RequestListener | Server,
    app,
    log,
    address,
    health: health && {
      livenessPath: health.livenessPath ?? '/healthz',
      readinessPath: health.readinessPath ?? '/readyz',
      address:
        health.port === undefined
          ? undefined
          : {
              host: checkHost(health.host === undefined ? address.host : fromConfig(health.host, config), 'health.host'),
              port: checkPort(fromConfig(health.port, config), 'health.port'),
            },
    },
    drainDelay,
    closeTimeout: resolveCloseTimeout(options.closeTimeout, drainDelay, settings.shutdownTimeout),
    serverOptions: options.serverOptions,
  };
}

function fromConfig<T, C>(value: FromConfig<T, C>, config: C): T {
  return typeof value === 'function' ? (value as (config: C) => T)(config) : value;
}

function checkPort(port: unknown, what: string): number {
  const value = typeof port === 'string' && port.trim() !== '' ? Number(port) : port;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535) return value;
  throw new KeelError('INVALID_SETTINGS', `HttpServerModule ${what} must be a whole number from 0 to 65535, got ${JSON.stringify(port)}.`, {
    hint: `pass a number, or a function of CONFIG such as ${what}: (config) => config.PORT.`,
  });
}

function checkHost(host: unknown, what: string): string {
  if (typeof host === 'string' && host.trim() !== '') return host;
  throw new KeelError('INVALID_SETTINGS', `HttpServerModule ${what} must be a host name or address, got ${JSON.stringify(host)}.`, {
    hint: "use '0.0.0.0' for every interface or '127.0.0.1' for this machine only.",
  });
}

function assertOptions(options: HttpServerModuleOptions<never>): void {
  const problem =
    options === null || typeof options !== 'object'
      ? 'options must be an object'
      : options.handler === undefined || options.handler === null
        ? 'handler (a token) is missing'
        : options.port === undefined
          ? 'port is missing (a number, or a function of CONFIG)'
          : undefined;
  if (problem) {
    throw new InvalidProviderError(`HttpServerModule.forRoot(): ${problem}.`, {
      hint: 'HttpServerModule.forRoot({ handler: API_HANDLER, port: 3000 }).',
    });
  }
  if (options.health) {
    for (const path of [options.health.livenessPath, options.health.readinessPath]) {
      if (path !== undefined && !path.startsWith('/')) {
        throw new InvalidProviderError(`HttpServerModule.forRoot(): probe path "${path}" must start with "/".`);
      }
    }
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
}
