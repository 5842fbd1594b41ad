import { parseBoolean } from '../../../src/config/parse-boolean';

describe('parseBoolean', () => {
  it('reads true/false, yes/no, on/off and 1/0 in any letter case, spaces around ignored', () => {
    const words = ['true', 'FALSE', 'Yes', 'no', ' on ', 'Off', '1', '0'];

    expect(words.map(parseBoolean)).toEqual([true, false, true, false, true, false, true, false]);
  });

  it('reads nothing else', () => {
    expect(['', 'y', 'n', '2', 'enabled', 'truee'].map(parseBoolean)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
