import { jsonLines, spawnApp } from './helpers/spawn-app';

describe('an unhandled rejection raised by an OnStop', () => {
  // Regression: a stop whose hooks never wait on I/O ends within one microtask drain, before Node
  // reports the rejection; the handlers were gone and the process exited 0 without a word.
  it('is logged and makes the exit code 1, even when the stop finishes within the same tick', async () => {
    const app = spawnApp('../../reliability/fixtures/chain-app.ts', {
      env: { FIXTURE_N: '3', FIXTURE_UNHANDLED: 'rejection', FIXTURE_UNHANDLED_IN: 'onstop' },
    });
    await app.waitForLine(/"message":"fixture running"/);
    app.kill('SIGTERM');

    expect(await app.exited).toEqual({ code: 1, signal: null });
    const logged = jsonLines(app.stdout).map((r) => String(r.message));
    expect(logged.filter((m) => /^stop S\d$|^unhandled rejection/.test(m))).toEqual([
      'stop S3',
      'stop S2',
      'stop S1',
      'unhandled rejection: stopping',
    ]);
  });
});
