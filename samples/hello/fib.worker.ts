/** Deliberately CPU-bound, to show work leaving the event loop. */
export function fibonacci(n: number): number {
  return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}
