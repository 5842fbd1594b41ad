import path from 'node:path';

/** samples/hello as bench/tsconfig.json compiles it (into bench/.tmp/samples/hello), loading keel from dist/. */
export const HELLO_KEEL = path.join(__dirname, '..', '..', 'samples', 'hello', 'main.js');

/** bench/apps/hello-inversify: the same app on inversify alone. */
export const HELLO_INVERSIFY = path.join(__dirname, '..', 'apps', 'hello-inversify', 'main.js');

/** The environment both hello apps run with: a free port, JSON lines, no simulated connect delay. */
export const HELLO_ENV = { PORT: '0', KEEL_LOG_FORMAT: 'json', DB_CONNECT_DELAY: '0' } as const;

/** The line both apps print once listening; its JSON has `timestamp` and `port`. */
export const READY_LINE = /ready on http:\/\/[^"\s]+/;

/**
 * Where the bench keeps keel's code cache (dist/load-bundle.js): `warm` is a restart on the same
 * disk (the first run wrote the cache), `off` a first start (KEEL_CODE_CACHE=off: the plain compile).
 */
export type CodeCache = 'warm' | 'off';
export const CODE_CACHE_DIR = path.join(__dirname, '..', '..', 'code-cache');
export const codeCacheEnv = (mode: CodeCache) => ({ KEEL_CODE_CACHE: mode === 'warm' ? CODE_CACHE_DIR : 'off' });
