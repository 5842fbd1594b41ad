import { reports, spawnFixture } from './helpers/fixture';
import { recordFigure } from './helpers/results';

describe('12. The worker pool', () => {
  it('a crashing worker rejects only its task; 500 queued at stop: resolved + rejected = submitted, no thread left', async () => {
    const app = spawnFixture('reliability/pool-app.ts');
    // No process.exit in the fixture: it ends by itself only once every thread has gone.
    const exited = await app.exited;
    const [crash, stop, resources] = reports(app.stderr).map((line) => JSON.parse(line) as Record<string, unknown>);

    expect(exited).toEqual({ code: 0, signal: null });
    expect(crash).toEqual({ crash: ['resolved 1', 'rejected WORKER_FAILED', 'resolved 3', 'resolved 4'] });
    const { submitted, resolved, rejected, reasons } = stop!.stop as {
      submitted: number;
      resolved: number;
      rejected: number;
      reasons: string[];
    };
    expect(resolved + rejected).toBe(submitted);
    expect(reasons).toEqual(rejected > 0 ? ['rejected POOL_CLOSED'] : []);
    expect((resources!.resources as string[]).filter((r) => /worker|messageport/i.test(r))).toEqual([]);
    recordFigure({
      scenario: 12,
      title: 'worker pool (2 threads): a crashing worker; 500 tasks queued at stop',
      figure: `crash rejected 1 of 4 tasks; ${resolved} resolved + ${rejected} rejected (POOL_CLOSED) = ${submitted} submitted; 0 threads, exited by itself`,
    });
  });
});
