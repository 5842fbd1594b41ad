type Keel = typeof import('../../src/index');

/**
 * keel through its package self-reference ('keel' -> dist/), so the bench
 * measures the built CommonJS output that users run; typed from src/.
 */
export function loadKeel(): Keel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runtime module is dist/, not the typed src/
  return require('keel') as Keel;
}
