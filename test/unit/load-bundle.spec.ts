import path from 'node:path';
import { cacheDirectory } from '../../src/load-bundle';

describe('cacheDirectory', () => {
  it('is node_modules/.cache/keel of the node_modules keel is installed in', () => {
    expect(cacheDirectory(undefined, '/app/node_modules/keel')).toBe('/app/node_modules/.cache/keel');
    expect(cacheDirectory(undefined, '/app/node_modules/@acme/keel')).toBe('/app/node_modules/.cache/keel');
    expect(cacheDirectory('', '/app/node_modules/a/node_modules/keel')).toBe('/app/node_modules/a/node_modules/.cache/keel');
  });

  it("is node_modules/.cache/keel of keel's own checkout when it is not installed", () => {
    expect(cacheDirectory(undefined, '/src/keel')).toBe('/src/keel/node_modules/.cache/keel');
  });

  it('is the directory KEEL_CODE_CACHE names, or none when it says off', () => {
    expect(cacheDirectory('/var/cache/app', '/app/node_modules/keel')).toBe('/var/cache/app');
    expect(cacheDirectory('cache', '/app/node_modules/keel')).toBe(path.resolve('cache'));
    expect(['off', 'OFF', 'false', '0'].map((setting) => cacheDirectory(setting, '/app/node_modules/keel'))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
