import { resolveCloseTimeout, resolveDrainDelay } from '../../../src/http/drain-settings';

describe('resolveDrainDelay', () => {
  it('takes the option first, then KEEL_DRAIN_DELAY, then 5000 under Kubernetes, else 0', () => {
    const env = { KEEL_DRAIN_DELAY: '750', KUBERNETES_SERVICE_HOST: '10.0.0.1' };
    expect(resolveDrainDelay(100, env)).toBe(100);
    expect(resolveDrainDelay(undefined, env)).toBe(750);
    expect(resolveDrainDelay(undefined, { KUBERNETES_SERVICE_HOST: '10.0.0.1' })).toBe(5000);
    expect(resolveDrainDelay(undefined, {})).toBe(0);
  });

  it('rejects a bad KEEL_DRAIN_DELAY with INVALID_SETTINGS naming the variable and the value', () => {
    for (const raw of ['5s', '', '-1', 'NaN']) {
      expect(() => resolveDrainDelay(undefined, { KEEL_DRAIN_DELAY: raw })).toThrow(
        expect.objectContaining({
          code: 'INVALID_SETTINGS',
          message: expect.stringContaining(`KEEL_DRAIN_DELAY must be a number of ms >= 0 (got ${JSON.stringify(raw)})`),
        }),
      );
    }
    expect(() => resolveDrainDelay(-5, {})).toThrow(/drainDelay must be a number of ms >= 0 \(got -5\)/);
  });
});

describe('resolveCloseTimeout', () => {
  it('leaves a reserve for the other OnStop hooks out of shutdownTimeout', () => {
    expect(resolveCloseTimeout(undefined, 0, 25_000)).toBe(20_000);
    expect(resolveCloseTimeout(undefined, 5000, 25_000)).toBe(15_000);
    expect(resolveCloseTimeout(undefined, 0, 2000)).toBe(1600);
    expect(resolveCloseTimeout(300, 5000, 25_000)).toBe(300);
  });

  it('fails when drainDelay leaves nothing of shutdownTimeout', () => {
    expect(() => resolveCloseTimeout(undefined, 20_000, 25_000)).toThrow(
      /drainDelay \(20000 ms\) leaves no time for in-flight requests within shutdownTimeout \(25000 ms\)/,
    );
  });
});
