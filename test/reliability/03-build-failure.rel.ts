import { inBatches, spawnFixture } from './helpers/fixture';
import { messages } from './helpers/lifecycle-lines';
import { recordFigure } from './helpers/results';

const CASES = [
  { scenario: 'missing', names: /No provider for "Mailer"/ },
  { scenario: 'cycle', names: /Left -> Right -> Left|Right -> Left -> Right/ },
  { scenario: 'throwing-constructor', names: /Exploder/ },
  { scenario: 'factory-rejects-non-error', names: /REJECTING_FACTORY/ },
];

describe('3. An app that cannot be built', () => {
  it('missing provider, cycle, throwing constructor, factory rejecting a non-Error: no hook runs, exit 1 (never 134), the token named', async () => {
    const runs = await inBatches(CASES.length, 2, async (index) => {
      const app = spawnFixture('reliability/build-failure-app.ts', { env: { FIXTURE_SCENARIO: CASES[index]!.scenario } });
      const exited = await app.exited;
      return { ...exited, stdout: app.stdout, stderr: app.stderr.join('\n') };
    });

    for (const [index, run] of runs.entries()) {
      const { scenario } = CASES[index]!;
      expect({ scenario, code: run.code, signal: run.signal }).toEqual({ scenario, code: 1, signal: null });
      expect(messages(run.stdout).filter((m) => /Hooked/.test(m))).toEqual([]);
      expect(run.stderr).toMatch(CASES[index]!.names);
    }
    recordFigure({
      scenario: 3,
      title: 'missing provider, cycle, throwing constructor, factory rejecting a non-Error',
      figure: `${runs.length}/${CASES.length}: exit 1, 0 hooks run, token named`,
    });
  });
});
