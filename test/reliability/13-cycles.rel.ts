import { jsonLines } from '../integration/helpers/spawn-app';
import { reports, spawnFixture } from './helpers/fixture';
import { recordFigure } from './helpers/results';

const CYCLES = 1000;

describe('13. Many applications in one process', () => {
  it(`${CYCLES.toLocaleString('en')} applications created, started and stopped: no growth in listeners, handles or heap`, async () => {
    const app = spawnFixture('integration/cycles-app.ts', {
      env: { FIXTURE_CYCLES: String(CYCLES) },
      nodeArgs: ['--expose-gc'],
      killAfterMs: 110_000,
    });
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const { warm, end } = JSON.parse(reports(app.stderr)[0]!) as Record<'warm' | 'end', Record<string, unknown> & { heapUsed: number }>;
    const { heapUsed: warmHeap, ...warmHeld } = warm;
    const { heapUsed: endHeap, ...endHeld } = end;
    const growth = endHeap - warmHeap;

    expect(endHeld).toEqual(warmHeld);
    expect(growth).toBeLessThan(4 * 1024 * 1024);
    expect(jsonLines(app.stdout).filter((r) => r.message === 'stopped')).toHaveLength(CYCLES);
    const listeners = Object.values(endHeld.process as Record<string, number>).reduce((a, b) => a + b, 0);
    recordFigure({
      scenario: 13,
      title: `${CYCLES.toLocaleString('en')} create/start/stop cycles in one process`,
      figure: `listeners and handles after cycle 1,000 = after cycle 20 (${listeners} process listeners); heap ${growth >= 0 ? '+' : ''}${(growth / 1024).toFixed(0)} KB`,
    });
  });
});
