import { resolveTimeline } from '../../../src/entrypoint/resolve-timeline';

describe('resolveTimeline', () => {
  it('takes the option over KEEL_TIMELINE, and KEEL_TIMELINE over off', () => {
    const env = { KEEL_TIMELINE: 'from-env.html' };

    expect([
      resolveTimeline('opt.html', { debug: false, env }),
      resolveTimeline(true, { debug: false, env }),
      resolveTimeline(false, { debug: false, env }),
      resolveTimeline(undefined, { debug: false, env }),
      resolveTimeline(undefined, { debug: false, env: {} }),
      resolveTimeline(undefined, { debug: false, env: { KEEL_TIMELINE: '' } }),
    ]).toEqual([
      { record: true, path: 'opt.html' },
      { record: true, path: undefined },
      { record: false, path: undefined },
      { record: true, path: 'from-env.html' },
      { record: false, path: undefined },
      { record: false, path: undefined },
    ]);
  });

  it('records at debug level, for the start report, without writing files', () => {
    expect(resolveTimeline(undefined, { debug: true, env: {} })).toEqual({ record: true, path: undefined });
  });

  it('rejects an empty path or a value of another type as INVALID_SETTINGS', () => {
    expect(() => resolveTimeline('', { debug: false })).toThrow(expect.objectContaining({ code: 'INVALID_SETTINGS' }));
    expect(() => resolveTimeline(3 as unknown as string, { debug: false })).toThrow(/got a number/);
  });
});
