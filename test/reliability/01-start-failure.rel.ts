import { inBatches, spawnFixture } from './helpers/fixture';
import { finishedHooks, hookLines, startedThenStopped } from './helpers/lifecycle-lines';
import { recordFigure } from './helpers/results';

const N = 10;

describe('1. OnStart of service k in a chain of 10 throws', () => {
  it('for every k: S1..S(k-1) stop in reverse, no OnStop of Sk or later runs, exit 1, the hook named', async () => {
    const runs = await inBatches(N, 3, async (index) => {
      const k = index + 1;
      const app = spawnFixture('reliability/chain-app.ts', { env: { FIXTURE_N: String(N), FIXTURE_FAIL_START: String(k) } });
      const { code } = await app.exited;
      const text = [...app.stdout, ...app.stderr].join('\n');
      const lateStops = hookLines(app.stdout).filter((m) => /^stop S(\d+)/.test(m) && Number(/\d+/.exec(m)![0]) >= k);
      return { k, code, hooks: finishedHooks(app.stdout), lateStops, named: text.includes(`"S${k}.start"`) };
    });

    expect(runs).toEqual(
      Array.from({ length: N }, (_, index) => ({
        k: index + 1,
        code: 1,
        hooks: startedThenStopped(index),
        lateStops: [],
        named: true,
      })),
    );
    recordFigure({
      scenario: 1,
      title: 'OnStart of service k of 10 throws, every k',
      figure: `${runs.length}/${N} k: exit 1, 1..k-1 stopped in reverse, 0 OnStop of k.. run, hook named`,
    });
  });
});
