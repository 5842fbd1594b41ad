/**
 * W7's worker functions, loaded by keel's THREAD_POOL and by piscina directly
 * (both by file path and export name), so both run the same code.
 */

/** A tiny task: the cost measured is the pool's round trip, not the work. */
export function echo(value: number): number {
  return value;
}

/** CPU-bound work that takes time proportional to `iterations` and cannot be optimized away. */
export function burn(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 31) + i) | 0;
  return x;
}
