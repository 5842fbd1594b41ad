import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { jsonLines } from '../integration/helpers/spawn-app';
import { inBatches, spawnFixture } from './helpers/fixture';
import { ROOT } from './helpers/paths';
import { recordFigure } from './helpers/results';

// The HTTP module's own fixture (HttpServerModule on 127.0.0.1:0, GET /work answers in 5 ms, a Store
// stopped after the server). It came with the http branch: on a tree without it the scenario cannot run.
const available = existsSync(join(ROOT, 'test', 'integration', 'fixtures', 'http-app.ts'));
const READY = /ready on (http:\/\/[^"\s]+)/;
const CLIENTS = 200;
const IDLE = 1000;
const IDLE_BUDGET_MS = 100;

/** One GET; resolves with the status and whether the server said it closes the connection, rejects on a socket error. */
function get(url: string, agent?: Agent): Promise<{ status: number; closing: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, closing: res.headers.connection === 'close' }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw keep-alive connection that made one request and got its answer, then sits idle. */
function idleConnection(port: number): Promise<{ socket: Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<number>((done) => socket.on('close', () => done(Date.now())));
    socket.on('error', () => undefined);
    socket.once('connect', () => socket.write('GET /work HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n'));
    socket.once('data', () => resolve({ socket, closed }));
    setTimeout(() => reject(new Error('no answer within 10 s')), 10_000).unref();
  });
}

(available ? describe : describe.skip)('10. HTTP', () => {
  it(`SIGTERM under ${CLIENTS} keep-alive clients: 0 failed requests, exit 0`, async () => {
    const app = spawnFixture('integration/http-app.ts', { env: { KEEL_DRAIN_DELAY: '400' } });
    const base = READY.exec(await app.waitForLine(READY))![1]!;
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const tally = { ok: 0, failed: 0 };
    // Each client acts as a balancer would: once told the connection closes, it stops sending.
    const client = async () => {
      for (;;) {
        try {
          const reply = await get(`${base}/work`, agent);
          if (reply.status === 200) tally.ok += 1;
          else tally.failed += 1;
          if (reply.closing) return;
        } catch {
          tally.failed += 1;
          return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    await new Promise((resolve) => setTimeout(resolve, 500));
    app.kill('SIGTERM');
    await Promise.all(clients);
    agent.destroy();

    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(tally.failed).toBe(0);
    expect(tally.ok).toBeGreaterThan(CLIENTS);
    recordFigure({
      scenario: 10.1,
      title: `SIGTERM under ${CLIENTS} keep-alive clients (drainDelay 400 ms)`,
      figure: `${tally.ok.toLocaleString('en')} requests answered, ${tally.failed} failed; exit 0`,
    });
  });

  it(`${IDLE.toLocaleString('en')} idle keep-alive sockets are closed within ${IDLE_BUDGET_MS} ms of the listener closing`, async () => {
    const app = spawnFixture('integration/http-app.ts', { env: { KEEL_DRAIN_DELAY: '0' } });
    const port = Number(new URL(READY.exec(await app.waitForLine(READY))![1]!).port);
    const sockets = await inBatches(IDLE, 50, () => idleConnection(port));
    const signalledAt = Date.now();
    app.kill('SIGTERM');
    const closedAt = await Promise.all(sockets.map((s) => s.closed));
    const { code } = await app.exited;
    const lastClosed = Math.max(...closedAt) - signalledAt;
    const closeLine = jsonLines(app.stdout).find((r) => r.message === 'http server closed');

    expect(code).toBe(0);
    expect(closeLine).toMatchObject({ cut: 0 });
    expect(lastClosed).toBeLessThan(IDLE_BUDGET_MS);
    recordFigure({
      scenario: 10.2,
      title: `${IDLE.toLocaleString('en')} idle keep-alive sockets at SIGTERM (drainDelay 0)`,
      figure: `all closed ${lastClosed} ms after SIGTERM (budget ${IDLE_BUDGET_MS} ms); 0 cut; exit 0`,
    });
  });
});
