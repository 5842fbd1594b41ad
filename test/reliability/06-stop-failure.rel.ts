import { inBatches, spawnFixture } from './helpers/fixture';
import { finishedHooks, hookLines } from './helpers/lifecycle-lines';
import { recordFigure } from './helpers/results';

const READY = /"message":"fixture running"/;
const N = 5;
const SHUTDOWN_TIMEOUT = 1000;

async function stopWith(env: Record<string, string>) {
  const app = spawnFixture('reliability/chain-app.ts', { env: { FIXTURE_N: String(N), ...env } });
  await app.waitForLine(READY);
  const signalledAt = Date.now();
  app.kill('SIGTERM');
  const { code } = await app.exited;
  return { code, elapsed: Date.now() - signalledAt, stdout: app.stdout, text: [...app.stdout, ...app.stderr].join('\n') };
}

const stopBegins = (lines: string[]) => hookLines(lines).filter((m) => /^stop S\d+ begin$/.test(m));
const allStopBegins = Array.from({ length: N }, (_, i) => `stop S${N - i} begin`);

describe('6. OnStop failures', () => {
  it('an OnStop that throws, in one or two of 5: the others run once, exit 1, every error logged', async () => {
    const [one, two] = await inBatches(2, 2, (i) => stopWith({ FIXTURE_FAIL_STOP: i === 0 ? '3' : '2,4' }));

    expect([one!.code, two!.code]).toEqual([1, 1]);
    expect([stopBegins(one!.stdout), stopBegins(two!.stdout)]).toEqual([allStopBegins, allStopBegins]);
    expect(finishedHooks(one!.stdout).filter((m) => m.startsWith('stop'))).toEqual(['stop S5', 'stop S4', 'stop S2', 'stop S1']);
    expect(finishedHooks(two!.stdout).filter((m) => m.startsWith('stop'))).toEqual(['stop S5', 'stop S3', 'stop S1']);
    expect(one!.text).toContain('S3 stop failed on purpose');
    expect([two!.text.includes('S2 stop failed on purpose'), two!.text.includes('S4 stop failed on purpose')]).toEqual([true, true]);
  });

  it('an OnStop that hangs: exit 1 within shutdownTimeout + 1 s, naming it', async () => {
    const run = await stopWith({ FIXTURE_HANG_STOP: '3', KEEL_SHUTDOWN_TIMEOUT: String(SHUTDOWN_TIMEOUT) });

    expect(run.code).toBe(1);
    expect(run.text).toMatch(/S3\.stop/);
    expect(run.elapsed).toBeLessThan(SHUTDOWN_TIMEOUT + 1000);
    expect(finishedHooks(run.stdout).filter((m) => m.startsWith('stop'))).toEqual(['stop S5', 'stop S4']);
    recordFigure({
      scenario: 6,
      title: 'OnStop throws in 1 (and 2) of 5; OnStop hangs (shutdownTimeout 1 s)',
      figure: `throws: others ran once, exit 1, every error logged; hangs: exit 1 after ${run.elapsed} ms from SIGTERM (budget ${SHUTDOWN_TIMEOUT + 1000} ms), hook named`,
    });
  });
});
