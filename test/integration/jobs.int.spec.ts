import { jsonLines, spawnApp } from './helpers/spawn-app';

const messages = (lines: string[]) => jsonLines(lines).map((r) => String(r.message).replace(/[\d.]+ ms/g, 'N ms'));

describe('background work in a real process', () => {
  it('runs a one-second cron while running; on SIGTERM waits for the running tick, then stops services, and exits 0', async () => {
    const app = spawnApp('jobs-app.ts', { env: { FIXTURE_JOBS: 'cron' }, killAfterMs: 15_000 });
    await app.waitForLine(/"message":"tick 2 begin"/);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const seen = messages(app.stdout).filter((m) => /^(tick \d+ (begin|end.*)|stop Database|stopping \(SIGTERM received\))$/.test(m));
    // Tick 2 is aborted mid-run and still ends before Database stops; no tick begins once stop began.
    expect(seen).toEqual([
      'tick 1 begin',
      'tick 1 end',
      'tick 2 begin',
      'stopping (SIGTERM received)',
      'tick 2 end (aborted)',
      'stop Database',
    ]);
  });

  it('exits 1 when a @Background loop fails past its restart intensity, naming the method and the error', async () => {
    const app = spawnApp('jobs-app.ts', { env: { FIXTURE_JOBS: 'crash' }, killAfterMs: 15_000 });
    expect(await app.exited).toEqual({ code: 1, signal: null });
    const seen = messages(app.stdout);
    expect(seen.filter((m) => m.startsWith('@Background'))).toEqual([
      '@Background Crasher.consume failed after N ms: broker unreachable; restart #1 in N ms',
      '@Background Crasher.consume failed after N ms: broker unreachable; restart #2 in N ms',
      '@Background Crasher.consume failed after N ms: broker unreachable; stopping the application',
    ]);
    expect(seen).toContain(
      'stopping (@Background Crasher.consume needed more than 2 restart(s) within N ms; last error: broker unreachable)',
    );
  });
});
