import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, spawnApp } from './helpers/spawn-app';

const READY = /"message":"fixture running"/;
const messages = (lines: string[]) => jsonLines(lines).map((r) => r.message as string);
const lifecycle = (lines: string[]) => messages(lines).filter((m) => /^(start|stop) (Api|Cache|Database)$/.test(m));

async function waitForFileText(file: string, text: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!readFileSync(file, 'utf8').includes(text)) {
    if (Date.now() > deadline) throw new Error(`${file} did not contain ${text} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('signals', () => {
  it.each([
    ['SIGTERM', 0],
    ['SIGINT', 0],
  ] as const)('stops in reverse dependency order on %s and exits %i', async (signal, code) => {
    const app = spawnApp('lifecycle-app.ts');
    await app.waitForLine(READY);
    app.kill(signal);
    expect(await app.exited).toEqual({ code, signal: null });
    expect(lifecycle(app.stdout)).toEqual(['start Database', 'start Cache', 'start Api', 'stop Api', 'stop Cache', 'stop Database']);
    expect(messages(app.stdout)).toContain(`stopping (${signal} received)`);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('exits %s-style (%i) at once on a second signal while stopping, logs flushed', async (signal, code) => {
    const app = spawnApp('lifecycle-app.ts', { env: { FIXTURE_SLOW_STOP: 'Cache', FIXTURE_SLOW_MS: '10000' } });
    await app.waitForLine(READY);
    app.kill(signal);
    await app.waitForLine(/"message":"stop Cache begin"/);
    app.kill(signal);
    expect(await app.exited).toEqual({ code, signal: null });
    const seen = messages(app.stdout);
    expect(seen).toContain(`${signal} received again while stopping: exiting now`);
    expect(seen).not.toContain('stop Database');
  });

  it('stops what started, in reverse, when a signal arrives during startup, and exits 0', async () => {
    const app = spawnApp('lifecycle-app.ts', { env: { FIXTURE_SLOW_START: 'Cache', FIXTURE_SLOW_MS: '1500' } });
    await app.waitForLine(/"message":"start Cache begin"/);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    // Cache's start was in flight and finishes; Api never starts; both started ones stop in reverse.
    expect(lifecycle(app.stdout)).toEqual(['start Database', 'start Cache', 'stop Cache', 'stop Database']);
  });
});

describe('exit codes', () => {
  it('exits 1 when an OnStart fails, after stopping what started', async () => {
    const app = spawnApp('lifecycle-app.ts', { env: { FIXTURE_FAIL_START: 'Api' } });
    expect(await app.exited).toEqual({ code: 1, signal: null });
    expect(lifecycle(app.stdout)).toEqual(['start Database', 'start Cache', 'stop Cache', 'stop Database']);
    const failure = jsonLines(app.stdout).find((r) => r.message === 'startup failed');
    expect(JSON.stringify(failure)).toContain('OnStart hook \\"Api.start\\" failed');
    expect(JSON.stringify(failure)).toContain('Api start failed on purpose');
  });

  it('exits 1 when an OnStop fails, still stopping the others', async () => {
    const app = spawnApp('lifecycle-app.ts', { env: { FIXTURE_FAIL_STOP: 'Cache' } });
    await app.waitForLine(READY);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 1, signal: null });
    expect(lifecycle(app.stdout)).toEqual(['start Database', 'start Cache', 'start Api', 'stop Api', 'stop Database']);
    expect(messages(app.stdout)).toContain('stop failed');
  });

  it('exits 1 naming the pending hook when shutdownTimeout passes', async () => {
    const app = spawnApp('lifecycle-app.ts', {
      env: { FIXTURE_SLOW_STOP: 'Cache', FIXTURE_SLOW_MS: '60000', KEEL_SHUTDOWN_TIMEOUT: '300' },
    });
    await app.waitForLine(READY);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 1, signal: null });
    const timeout = jsonLines(app.stdout).find((r) => r.message === 'shutdown timed out');
    expect(JSON.stringify(timeout)).toMatch(/still pending: Cache\.stop/);
  });

  it('exits 1 with every bad setting listed before anything starts', async () => {
    const app = spawnApp('lifecycle-app.ts', { env: { KEEL_POOL_SIZE: 'abc', KEEL_LOG_LEVEL: 'loud', KEEL_START_TIMEOUT: '-5' } });
    expect(await app.exited).toEqual({ code: 1, signal: null });
    const err = app.stderr.join('\n');
    expect(err).toContain('Invalid entrypoint settings: 3 problem(s).');
    expect(err).toMatch(/KEEL_POOL_SIZE: must be a number/);
    expect(err).toMatch(/KEEL_LOG_LEVEL: must be one of error, warn, info, debug/);
    expect(err).toMatch(/KEEL_START_TIMEOUT: must be greater than 0/);
    expect(lifecycle(app.stdout)).toEqual([]);
  });
});

describe('unhandled errors', () => {
  it.each(['rejection', 'exception'])('logs an unhandled %s with its stack, stops gracefully and exits 1', async (kind) => {
    const app = spawnApp('lifecycle-app.ts', { env: { FIXTURE_UNHANDLED: kind } });
    expect(await app.exited).toEqual({ code: 1, signal: null });
    const record = JSON.stringify(jsonLines(app.stdout).find((r) => String(r.message).startsWith(`un`)));
    expect(record).toMatch(kind === 'rejection' ? /nobody handles this rejection/ : /nobody catches this exception/);
    expect(record).toMatch(/lifecycle-app\.ts:\d+/); // the stack, not just the message
    expect(lifecycle(app.stdout).slice(-3)).toEqual(['stop Api', 'stop Cache', 'stop Database']);
  });

  it('keeps running after an unhandled rejection when stopOnUnhandledErrors is false', async () => {
    const app = spawnApp('lifecycle-app.ts', { env: { FIXTURE_UNHANDLED: 'rejection', FIXTURE_KEEP_RUNNING: '1' } });
    await app.waitForLine(/keeps running/);
    await app.waitForLine(READY);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    // Had the rejection stopped it, the stop would name it and the exit code would be 1.
    expect(messages(app.stdout).filter((m) => m.startsWith('stopping'))).toEqual(['stopping (SIGTERM received)']);
    expect(lifecycle(app.stdout).slice(-3)).toEqual(['stop Api', 'stop Cache', 'stop Database']);
  });
});

describe('log flushing', () => {
  it('writes all 10,000 lines logged right before SIGTERM to a piped stdout', async () => {
    const app = spawnApp('lifecycle-app.ts', { env: { FIXTURE_LINES: '10000' } });
    await app.waitForLine(/"message":"start Api"/);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const numbered = jsonLines(app.stdout).filter((r) => typeof r.i === 'number');
    expect(numbered).toHaveLength(10_000);
    expect(numbered.map((r) => r.i)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
  });

  it('writes all 10,000 lines logged right before SIGTERM to a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keel-flush-')), 'out.log');
    const app = spawnApp('lifecycle-app.ts', { env: { FIXTURE_LINES: '10000' }, stdoutFile: file });
    // The file is the only stdout: poll it for the ready line (failing if it never comes), then signal.
    await waitForFileText(file, '"start Api"', 10_000);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const numbered = jsonLines(readFileSync(file, 'utf8').split('\n')).filter((r) => typeof r.i === 'number');
    expect(numbered).toHaveLength(10_000);
  });
});
