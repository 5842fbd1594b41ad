import { spawnFixture } from './helpers/fixture';
import { finishedHooks, loggedAt, messages } from './helpers/lifecycle-lines';
import { recordFigure } from './helpers/results';

const START_TIMEOUT = 1000;

describe('2. OnStart hangs past its timeout', () => {
  it('exits 1 within startTimeout + rollback + 1 s, the started ones stopped in reverse', async () => {
    const app = spawnFixture('reliability/chain-app.ts', {
      env: { FIXTURE_N: '5', FIXTURE_HANG_START: '4', KEEL_START_TIMEOUT: String(START_TIMEOUT) },
    });
    const { code } = await app.exited;
    const exitedAt = Date.now();
    const hungAt = loggedAt(app.stdout, 'start S4 begin');
    const rollback = loggedAt(app.stdout, 'stop S1') - loggedAt(app.stdout, 'stop S3 begin');
    const elapsed = exitedAt - hungAt;

    expect(code).toBe(1);
    expect(finishedHooks(app.stdout)).toEqual(['start S1', 'start S2', 'start S3', 'stop S3', 'stop S2', 'stop S1']);
    expect(messages(app.stdout).join('\n')).toMatch(/S4\.start/);
    expect(elapsed).toBeLessThan(START_TIMEOUT + rollback + 1000);
    recordFigure({
      scenario: 2,
      title: 'OnStart hangs past startTimeout (1 s)',
      figure: `exit 1 after ${elapsed} ms (budget ${START_TIMEOUT + rollback + 1000} ms), 3 started stopped in reverse`,
    });
  });
});
