import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject, injectable } from 'inversify';
import { CONFIG, type HelloConfig } from './config';
import { Greeter } from './greeter';
import { createJsonLogger } from './json-logger';

/** samples/hello's HttpServer, line for line, minus keel's decorators. */
@injectable()
export class HttpServer {
  private readonly log = createJsonLogger('HttpServer');
  private server: Server | undefined;

  constructor(
    private readonly greeter: Greeter,
    @inject(CONFIG) private readonly config: HelloConfig,
  ) {}

  async listen(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.PORT, this.config.HOST, resolve);
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.log.info(`ready on http://${this.config.HOST}:${port}`, { port });
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    this.log.info('http server closed');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/hello') {
        return reply(res, 200, this.greeter.greet(url.searchParams.get('name') ?? 'world'));
      }
      if (url.pathname === '/fib') {
        const n = Number(url.searchParams.get('n') ?? '25');
        if (!Number.isInteger(n) || n < 0 || n > 40) return reply(res, 400, 'n must be a whole number from 0 to 40');
        return reply(res, 200, String(await this.greeter.fibonacci(n)));
      }
      reply(res, 404, 'not found');
    } catch (error) {
      this.log.info('request failed', { error: String(error), path: url.pathname });
      reply(res, 500, 'internal error');
    }
  }
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${body}\n`);
}
