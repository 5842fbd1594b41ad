import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject, injectable } from 'inversify';
import { CONFIG, LOGGER, OnStart, OnStop, type Logger } from 'keel';
import type { PeriodicConfig } from './config';
import { DailyReport } from './daily-report';
import { OrderConsumer } from './order-consumer';
import { SessionStore } from './session-store';
import { WorkQueue } from './work-queue';

/** POST /orders?n=3 queues orders and opens sessions; GET /stats shows what the jobs have done. */
@injectable()
export class HttpServer {
  private server: Server | undefined;

  constructor(
    private readonly queue: WorkQueue,
    private readonly sessions: SessionStore,
    private readonly consumer: OrderConsumer,
    private readonly report: DailyReport,
    @inject(CONFIG) private readonly config: PeriodicConfig,
    @inject(LOGGER) private readonly log: Logger,
  ) {}

  @OnStart()
  async listen(): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.PORT, this.config.HOST, resolve);
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.log.info(`ready on http://${this.config.HOST}:${port}`, { port });
  }

  @OnStop()
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/orders') {
      const n = Math.min(Number(url.searchParams.get('n') ?? 1) || 1, 100);
      for (let i = 1; i <= n; i++) {
        this.queue.push(`order ${i}`);
        this.sessions.open(`session ${i}`);
      }
      return reply(res, 202, { queued: n });
    }
    if (url.pathname === '/stats') {
      return reply(res, 200, {
        processed: this.consumer.processed,
        queued: this.queue.length,
        sessions: this.sessions.size,
        cleanups: this.sessions.cleanups,
        reports: this.report.reports,
      });
    }
    reply(res, 404, { error: 'not found' });
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
