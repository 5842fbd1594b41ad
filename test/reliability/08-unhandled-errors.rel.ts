import { inBatches, spawnFixture } from './helpers/fixture';
import { finishedHooks } from './helpers/lifecycle-lines';
import { recordFigure } from './helpers/results';

const READY = /"message":"fixture running"/;
const CASES = [
  { kind: 'rejection', where: 'running', message: 'nobody handles this rejection' },
  { kind: 'exception', where: 'running', message: 'nobody catches this exception' },
  { kind: 'rejection', where: 'onstop', message: 'nobody handles this rejection' },
  { kind: 'exception', where: 'onstop', message: 'nobody catches this exception' },
] as const;
const ALL_STOPPED = ['stop S5', 'stop S4', 'stop S3', 'stop S2', 'stop S1'];

describe('8. Unhandled rejections and uncaught exceptions', () => {
  it('while running and inside OnStop: the stack logged, every stop hook ran, exit 1', async () => {
    const runs = await inBatches(CASES.length, 2, async (index) => {
      const { kind, where } = CASES[index]!;
      const app = spawnFixture('reliability/chain-app.ts', {
        env: { FIXTURE_N: '5', FIXTURE_UNHANDLED: kind, FIXTURE_UNHANDLED_IN: where },
      });
      if (where === 'onstop') {
        await app.waitForLine(READY);
        app.kill('SIGTERM');
      }
      const { code } = await app.exited;
      return { code, stdout: app.stdout, text: [...app.stdout, ...app.stderr].join('\n') };
    });

    for (const [index, run] of runs.entries()) {
      const { kind, where, message } = CASES[index]!;
      expect({ kind, where, code: run.code }).toEqual({ kind, where, code: 1 });
      expect(finishedHooks(run.stdout).filter((m) => m.startsWith('stop'))).toEqual(ALL_STOPPED);
      // The stack, not only the message: a frame of the fixture that threw.
      expect(run.text).toMatch(new RegExp(`${message}[^\\n]*?(\\\\n|\\n)\\s+at [^\\n]*chain-app\\.js`));
      expect(run.text).toContain(kind === 'rejection' ? 'unhandled rejection' : 'uncaught exception');
    }
    recordFigure({
      scenario: 8,
      title: 'unhandled rejection / uncaught exception, while running and inside OnStop',
      figure: `${runs.length}/${CASES.length}: stack logged, 5/5 OnStop ran, exit 1`,
    });
  });
});
