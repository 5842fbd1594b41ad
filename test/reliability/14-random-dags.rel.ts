import { checkRandomDag } from '../helpers/random-dag-check';
import { recordFigure } from './helpers/results';

const GRAPHS = 10_000;

describe('14. Random dependency graphs', () => {
  // In-process on the virtual clock: the order is the scheduler's, not the process's, and a child per
  // graph would spend the budget on start-up. Seeds differ from the unit property test's.
  it(`${GRAPHS.toLocaleString('en')} random DAGs: 0 order violations at start and stop, makespan = critical path`, async () => {
    const problems: string[] = [];
    const first = 100_001;
    for (let seed = first; seed < first + GRAPHS; seed++) {
      problems.push(...(await checkRandomDag(seed, seed % 4 === 0 ? 1 + (seed % 3) : undefined)));
    }

    expect(problems).toEqual([]);
    recordFigure({
      scenario: 14,
      title: `${GRAPHS.toLocaleString('en')} random DAGs (1-14 nodes, 3 injection kinds, 1/4 with a startConcurrency cap)`,
      figure: `0 order violations in ${GRAPHS.toLocaleString('en')} starts and ${GRAPHS.toLocaleString('en')} stops; makespan = critical path in every uncapped run`,
    });
  });
});
