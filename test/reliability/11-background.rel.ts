import { spawnFixture } from './helpers/fixture';
import { messages } from './helpers/lifecycle-lines';
import { recordFigure } from './helpers/results';

describe('11. Background work', () => {
  it('a crashing @Background loop restarts with growing backoff, then stops the app past its intensity with exit 1', async () => {
    const app = spawnFixture('integration/jobs-app.ts', { env: { FIXTURE_JOBS: 'crash' } });
    const { code } = await app.exited;
    const failures = messages(app.stdout).filter((m) => m.startsWith('@Background Crasher.consume failed'));
    const delays = failures.flatMap((m) => /restart #\d+ in ([\d.]+) ms/.exec(m)?.[1] ?? []).map(Number);

    expect(code).toBe(1);
    expect(failures).toHaveLength(3);
    expect(failures[2]).toMatch(/stopping the application$/);
    expect(delays).toHaveLength(2);
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    recordFigure({
      scenario: 11.1,
      title: 'crashing @Background loop (maxRestarts 2)',
      figure: `restarts after ${delays.join(' ms, ')} ms, then exit 1 on failure #3`,
    });
  });

  it('@Every never overlaps its runs, and stop waits for the running call before any OnStop', async () => {
    const app = spawnFixture('reliability/every-app.ts');
    await app.waitForLine(/"message":"run 3 begin"/);
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const seen = messages(app.stdout).filter((m) => /^run \d+ (begin|end)$|^stop Database$/.test(m));
    const runs = seen.filter((m) => m.startsWith('run'));

    // Strictly alternating begin/end of the same run: no run began while another was going.
    expect(runs).toEqual(runs.map((_, i) => `run ${Math.floor(i / 2) + 1} ${i % 2 === 0 ? 'begin' : 'end'}`));
    expect(runs.length % 2).toBe(0);
    expect(seen.at(-1)).toBe('stop Database');
    recordFigure({
      scenario: 11.2,
      title: '@Every 50 ms with 120 ms runs, SIGTERM mid-run',
      figure: `${runs.length / 2} runs, 0 overlaps; the running call ended before OnStop; exit 0`,
    });
  });
});
