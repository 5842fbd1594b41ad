/** samples/hello/fib.worker.ts: deliberately CPU-bound. */
export function fibonacci(n: number): number {
  return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}
