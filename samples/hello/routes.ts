import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'keel';
import type { Greeter } from './greeter';

/** The token of the request listener HttpServerModule serves (see app.module.ts). */
export const HELLO_ROUTES = Symbol('HELLO_ROUTES');

/** /hello and /fib as a plain node:http listener; keel adds /healthz and /readyz in front of it. */
export function helloRoutes(greeter: Greeter, log: Logger): RequestListener {
  return (req, res) => void handle(req, res, greeter, log);
}

async function handle(req: IncomingMessage, res: ServerResponse, greeter: Greeter, log: Logger): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    if (url.pathname === '/hello') {
      return reply(res, 200, greeter.greet(url.searchParams.get('name') ?? 'world'));
    }
    if (url.pathname === '/fib') {
      const n = Number(url.searchParams.get('n') ?? '25');
      if (!Number.isInteger(n) || n < 0 || n > 40) return reply(res, 400, 'n must be a whole number from 0 to 40');
      return reply(res, 200, String(await greeter.fibonacci(n)));
    }
    reply(res, 404, 'not found');
  } catch (error) {
    log.error('request failed', { error, path: url.pathname });
    reply(res, 500, 'internal error');
  }
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${body}\n`);
}
