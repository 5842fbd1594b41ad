import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Container } from 'inversify';
import { CONFIG, readConfig } from './config';
import { Database } from './database';
import { Greeter } from './greeter';
import { HttpServer } from './http-server';
import { createJsonLogger } from './json-logger';

/**
 * samples/hello on inversify alone, the W5/W8 floor: the same three services,
 * resolved from a container, their hooks called by hand in topological order
 * (Database, then HttpServer; Greeter has none but owns the lazy pool), and in
 * reverse on SIGINT/SIGTERM, then exit 0. What keel automates, written out.
 */
async function main(): Promise<void> {
  const log = createJsonLogger('main');
  const container = new Container();
  container.bind(CONFIG).toConstantValue(readConfig());
  container.bind(Database).toSelf().inSingletonScope();
  container.bind(Greeter).toSelf().inSingletonScope();
  container.bind(HttpServer).toSelf().inSingletonScope();
  const db = container.get(Database);
  const greeter = container.get(Greeter);
  const server = container.get(HttpServer);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    stopping = true;
    log.info(`stopping (${signal} received)`);
    const t0 = performance.now();
    await server.close();
    await greeter.close();
    await db.disconnect();
    log.info(`stopped in ${(performance.now() - t0).toFixed(1)} ms`);
    process.exit(0);
  };
  // Before any hook, as keel's bootstrap does: a signal during start must not kill the process outright.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, (s) => void stop(s));

  const began = performance.now();
  await db.connect();
  await server.listen();
  log.info(`started 3 services in ${(performance.now() - began).toFixed(1)} ms`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
