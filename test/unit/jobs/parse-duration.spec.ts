import { parseDuration } from '../../../src/jobs/parse-duration';

describe('parseDuration', () => {
  it('reads milliseconds and strings with ms, s, m, h (a bare number string is ms)', () => {
    expect(['500ms', '5s', '1m', '1.5h', '250', ' 2 s ', 0, 1500].map(parseDuration)).toEqual([
      500, 5000, 60_000, 5_400_000, 250, 2000, 0, 1500,
    ]);
  });

  it('gives undefined for anything else', () => {
    expect(['', '5 parsecs', '-1s', '1d', 'ms', -1, Infinity, NaN, null, {}].map(parseDuration)).toEqual(Array(10).fill(undefined));
  });
});
