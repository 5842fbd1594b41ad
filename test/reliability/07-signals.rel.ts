import { inBatches, spawnFixture } from './helpers/fixture';
import { finishedHooks, hookLines, messages } from './helpers/lifecycle-lines';
import { recordFigure } from './helpers/results';

const READY = /"message":"fixture running"/;
const FORCE_BUDGET_MS = 500;

describe('7. Signals while stopping and while starting', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('a second %s while stopping exits %i within 500 ms, logs flushed', async (signal, exitCode) => {
    // Three times each: the figure is the slowest.
    const runs = await inBatches(3, 3, async () => {
      const app = spawnFixture('reliability/chain-app.ts', { env: { FIXTURE_N: '5', FIXTURE_SLOW_STOP: '3', FIXTURE_SLOW_MS: '10000' } });
      await app.waitForLine(READY);
      app.kill(signal);
      await app.waitForLine(/"message":"stop S3 begin"/);
      const secondAt = Date.now();
      app.kill(signal);
      const { code } = await app.exited;
      return { code, elapsed: Date.now() - secondAt, seen: messages(app.stdout), hooks: finishedHooks(app.stdout) };
    });

    for (const run of runs) {
      expect(run.code).toBe(exitCode);
      expect(run.seen).toContain(`${signal} received again while stopping: exiting now`);
      expect(run.hooks.filter((m) => m.startsWith('stop'))).toEqual(['stop S5', 'stop S4']);
      expect(run.elapsed).toBeLessThan(FORCE_BUDGET_MS);
    }
    recordFigure({
      scenario: signal === 'SIGINT' ? 7.1 : 7.2,
      title: `second ${signal} while stopping`,
      figure: `exit ${exitCode} in at most ${Math.max(...runs.map((r) => r.elapsed))} ms over ${runs.length} runs (budget ${FORCE_BUDGET_MS} ms), logs flushed`,
    });
  });

  it('a signal during startup: nothing new starts, what started stops in reverse, exit 0', async () => {
    const app = spawnFixture('reliability/chain-app.ts', { env: { FIXTURE_N: '5', FIXTURE_SLOW_START: '3', FIXTURE_SLOW_MS: '1500' } });
    await app.waitForLine(/"message":"start S3 begin"/);
    app.kill('SIGTERM');

    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(hookLines(app.stdout).filter((m) => /S[45]/.test(m))).toEqual([]);
    expect(finishedHooks(app.stdout)).toEqual(['start S1', 'start S2', 'start S3', 'stop S3', 'stop S2', 'stop S1']);
    recordFigure({
      scenario: 7.3,
      title: 'SIGTERM during startup',
      figure: 'exit 0; 0 services started after the signal; the 3 started stopped in reverse',
    });
  });
});
