import { describeEvent, type LifecycleEvent } from '../../../src/lifecycle/lifecycle-events';

describe('describeEvent', () => {
  it.each<[LifecycleEvent, string | undefined]>([
    [{ type: 'hook:started', phase: 'start', service: 'Db', hook: 'Db.connect' }, undefined],
    [
      { type: 'hook:finished', phase: 'start', service: 'Db', hook: 'Db.connect', durationMs: 12.345 },
      'OnStart Db.connect finished in 12.3 ms',
    ],
    [
      { type: 'hook:failed', phase: 'stop', service: 'Db', hook: 'Db.close', durationMs: 3, error: new Error('x') },
      'OnStop Db.close failed after 3 ms',
    ],
    [{ type: 'app:started', services: 4, durationMs: 90, criticalPathMs: 90 }, 'started 4 services in 90 ms (critical path 90 ms)'],
    [{ type: 'app:stopping', reason: 'SIGTERM' }, 'stopping (SIGTERM)'],
    [{ type: 'app:stopped', durationMs: 5, failures: 0 }, 'stopped in 5 ms'],
    [{ type: 'app:stopped', durationMs: 5, failures: 2 }, 'stopped in 5 ms with 2 failure(s)'],
  ])('renders %o', (event, line) => {
    expect(describeEvent(event)).toBe(line);
  });
});
