import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bootstrap, HttpServerModule, Module } from 'keel';

/** How long each request takes, ms: long enough that requests are in flight when SIGTERM lands. */
const WORK_MS = Number(process.env['WORK_MS'] ?? 5);
const HANDLER = Symbol('HANDLER');

/** W9's keel app: one route through HttpServerModule; drainDelay comes from KEEL_DRAIN_DELAY. */
const Http = HttpServerModule.forRoot({ handler: HANDLER, port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
const handler = (_req: IncomingMessage, res: ServerResponse) => void setTimeout(() => res.end('ok'), WORK_MS);

@Module({ imports: [Http], providers: [{ provide: HANDLER, useValue: handler }] })
class DrainKeelModule {}

void bootstrap(DrainKeelModule);
