import { reports, spawnFixture } from './helpers/fixture';
import { recordFigure } from './helpers/results';

const FULL = ['start A', 'start B', 'start C', 'stop C', 'stop B', 'stop A'];

describe('5. Lifecycle calls at the wrong time', () => {
  it('start twice, stop before start, 100 concurrent stops, stop() inside OnStart and OnStop: each OnStop once, in reverse', async () => {
    const app = spawnFixture('reliability/edges-app.ts');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const cases = reports(app.stderr).map(
      (line) => JSON.parse(line) as { name: string; calls: string[]; outcomes: string[]; state: string },
    );

    expect(cases).toEqual([
      { name: 'start twice', calls: FULL, outcomes: ['ok', 'rejected INVALID_STATE', 'ok'], state: 'stopped' },
      { name: 'stop before start', calls: FULL, outcomes: ['ok', 'ok', 'ok'], state: 'stopped' },
      { name: '100 concurrent stops', calls: FULL, outcomes: ['100 of 100 ok'], state: 'stopped' },
      {
        name: 'stop() inside an OnStart',
        calls: ['start A', 'start B', 'stop() in OnStart: ok', 'stop B', 'stop A'],
        outcomes: ['rejected START_ABORTED', 'ok'],
        state: 'stopped',
      },
      {
        name: 'stop() inside an OnStop',
        calls: ['start A', 'start B', 'start C', 'stop C', 'stop B', 'stop() in OnStop: ok', 'stop A'],
        outcomes: ['ok', 'ok'],
        state: 'stopped',
      },
    ]);
    const onStops = cases.flatMap((c) => c.calls.filter((call) => /^stop [ABC]$/.test(call)));
    recordFigure({
      scenario: 5,
      title: 'start twice, stop before start, 100 concurrent stops, stop() in OnStart / OnStop',
      figure: `5/5 cases: ${onStops.length} OnStop calls, each hook exactly once, all in reverse order`,
    });
  });
});
