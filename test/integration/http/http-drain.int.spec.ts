import { get, keepAliveAgent } from '../../unit/http/http-client';
import { jsonLines, spawnApp } from '../helpers/spawn-app';

const READY = /ready on (http:\/\/[^"\s]+)/;
const messages = (lines: string[]) => jsonLines(lines).map((r) => r.message as string);

describe('HTTP drain on a real SIGTERM', () => {
  it('keeps keep-alive clients served through the drain, then stops the server before the store, and exits 0', async () => {
    const app = spawnApp('http-app.ts', { env: { KEEL_DRAIN_DELAY: '400' } });
    const base = READY.exec(await app.waitForLine(READY))![1]!;
    const agent = keepAliveAgent(10);
    const tally = { ok: 0, failed: 0 };
    // Clients act as a balancer would: once told the connection closes (or readiness is 503), they stop.
    const client = async () => {
      for (;;) {
        try {
          const reply = await get(`${base}/work`, agent);
          if (reply.status === 200) tally.ok += 1;
          else tally.failed += 1;
          if (reply.headers.connection === 'close') return;
        } catch {
          tally.failed += 1;
          return;
        }
      }
    };
    const clients = Array.from({ length: 10 }, client);
    await new Promise((resolve) => setTimeout(resolve, 300));
    app.kill('SIGTERM');
    await app.waitForLine(/draining: readiness is 503/);
    expect((await get(`${base}/readyz`)).status).toBe(503);
    await Promise.all(clients);
    agent.destroy();
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(tally.failed).toBe(0);
    expect(tally.ok).toBeGreaterThan(10);
    const seen = messages(app.stdout);
    expect(seen.filter((m) => ['http server closed', 'store closed'].includes(m))).toEqual(['http server closed', 'store closed']);
    expect(jsonLines(app.stdout).find((r) => r.message === 'http server closed')).toMatchObject({ cut: 0 });
  });

  it('cuts a request that never ends at closeTimeout, logs the count, and still exits 0', async () => {
    const app = spawnApp('http-app.ts', { env: { KEEL_DRAIN_DELAY: '0', KEEL_SHUTDOWN_TIMEOUT: '1500' } });
    const base = READY.exec(await app.waitForLine(READY))![1]!;
    const hanging = get(`${base}/hang`).then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    app.kill('SIGTERM');
    expect(await hanging).toBe('ECONNRESET');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(messages(app.stdout)).toContain('cut 1 request(s) still running 1200 ms after the listener closed');
  });
});
