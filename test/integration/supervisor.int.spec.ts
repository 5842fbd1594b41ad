import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, spawnApp } from './helpers/spawn-app';

const READY = /fixture running/;
const hooks = (lines: string[]) =>
  jsonLines(lines)
    .map((r) => r.message as string)
    .filter((m) => /^(start|stop) S\d$/.test(m));
const reports = (lines: string[]) => lines.filter((l) => l.startsWith('fixture: ')).map((l) => l.slice('fixture: '.length));

describe('stop() called from inside an OnStart', () => {
  it.each(['stop-in-onstart-sync', 'stop-in-onstart-awaited'])(
    '%s: the hook in flight finishes, then every started service stops in reverse, and the process exits 0',
    async (scenario) => {
      const app = spawnApp('supervisor-app.ts', { env: { FIXTURE_SCENARIO: scenario } });
      expect(await app.exited).toEqual({ code: 0, signal: null });
      // S2 never starts; S1 (whose OnStart asked) finishes starting and gets its OnStop before S0's.
      expect(hooks(app.stdout)).toEqual(['start S0', 'start S1', 'stop S1', 'stop S0']);
    },
  );
});

describe('bootstrap() twice in one process', () => {
  it("rejects the second with ALREADY_BOOTSTRAPPED naming the first, and the first app's stop is untouched", async () => {
    const app = spawnApp('supervisor-app.ts', { env: { FIXTURE_SCENARIO: 'bootstrap-twice' } });
    await app.waitForLine(READY);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(reports(app.stderr)).toEqual(['ALREADY_BOOTSTRAPPED: Cannot bootstrap "Second": "ChainModule" already runs in this process.']);
    expect(hooks(app.stdout)).toEqual(['start S0', 'start S1', 'start S2', 'stop S2', 'stop S1', 'stop S0']);
  });
});

describe('run()', () => {
  it("exits 1 within shutdownTimeout + 1 s when main throws and an OnStop hangs, after rejecting with main's error", async () => {
    const app = spawnApp('supervisor-app.ts', { env: { FIXTURE_SCENARIO: 'main-throws-onstop-hangs', FIXTURE_SHUTDOWN_MS: '1000' } });
    const { code } = await app.exited;
    const exitedAt = Date.now();
    const [threw, rejected] = reports(app.stderr);
    expect([code, rejected]).toEqual([1, 'run rejected: main failed on purpose']);
    // From the moment main threw (the child's own clock, the same machine's), not from spawn: ts-node's start is not the point.
    expect(exitedAt - Number(threw!.replace('main threw at ', ''))).toBeLessThan(1000 + 1000);
    expect(jsonLines(app.stdout).map((r) => r.message)).toContain('shutdown timed out');
  });

  it('with exit: false, runs the code after await run() once a signal has stopped the app', async () => {
    const app = spawnApp('supervisor-app.ts', { env: { FIXTURE_SCENARIO: 'run-exit-false' } });
    await app.waitForLine(READY);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(reports(app.stderr)).toEqual(['after run: main value, exitCode 0']);
    expect(hooks(app.stdout)).toEqual(['start S0', 'start S1', 'start S2', 'stop S2', 'stop S1', 'stop S0']);
  });
});

describe('.env', () => {
  it('honours KEEL_* settings written in the env file, below the real environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'KEEL_LOG_FORMAT=logfmt\nKEEL_LOG_LEVEL=debug\n');
    // The real environment's KEEL_LOG_LEVEL=info wins over the file's; its KEEL_LOG_FORMAT is unset.
    const app = spawnApp('supervisor-app.ts', {
      env: { FIXTURE_SCENARIO: 'env-settings', KEEL_ENV_FILE: file, KEEL_LOG_FORMAT: '', KEEL_LOG_LEVEL: 'info' },
      unsetEnv: ['KEEL_LOG_FORMAT'],
    });
    await app.waitForLine(READY);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const ready = app.stdout.find((l) => READY.test(l))!;
    expect(ready).toMatch(/^ts=\S+ level=info msg="fixture running"/);
    expect(app.stdout.some((l) => /level=debug/.test(l))).toBe(false);
  });
});

describe('log lines that cannot be written at exit', () => {
  it('says on stderr how many were lost when stdout is a pipe nobody reads', async () => {
    const app = spawnApp('supervisor-app.ts', {
      env: { FIXTURE_SCENARIO: 'log-flood', FIXTURE_LINES: '50000' },
      unreadStdout: true,
      killAfterMs: 30_000,
    });
    await app.waitForLine(/fixture: logged/);
    app.kill('SIGTERM');
    const exited = await app.exited;
    const notice = app.stderr.find((l) => /log line\(s\) were not written/.test(l));
    expect([exited, notice]).toEqual([
      { code: 0, signal: null },
      expect.stringMatching(
        /^keel: [1-9]\d* log line\(s\) were not written within 5000 ms \(is anything reading stdout\?\) and are lost\.$/,
      ),
    ]);
  });
});

describe('app.stop() releases what the application created', () => {
  it('leaves no growth in listeners, handles or heap over 1,000 create/start/stop cycles of an app that logs', async () => {
    const app = spawnApp('cycles-app.ts', { env: { FIXTURE_CYCLES: '1000' }, nodeArgs: ['--expose-gc'], killAfterMs: 120_000 });
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const { warm, end } = JSON.parse(reports(app.stderr)[0]!) as Record<'warm' | 'end', Record<string, unknown> & { heapUsed: number }>;
    const { heapUsed: warmHeap, ...warmHeld } = warm;
    const { heapUsed: endHeap, ...endHeld } = end;
    expect(endHeld).toEqual(warmHeld);
    // A leaked app holds a winston logger and its graph (well over 50 KB): 980 of them would be tens of MB.
    expect(endHeap - warmHeap).toBeLessThan(4 * 1024 * 1024);
    expect(jsonLines(app.stdout).filter((r) => r.message === 'stopped')).toHaveLength(1000);
  }, 150_000);
});
