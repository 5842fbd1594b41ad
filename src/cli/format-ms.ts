/** Milliseconds for people: `0.42 ms`, `2.1 ms`, `52 ms`; `?` when unknown. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '? ms';
  const abs = Math.abs(ms);
  if (abs === 0) return '0 ms';
  if (abs < 1) return `${ms.toFixed(2)} ms`;
  if (abs < 10) return `${(Math.round(ms * 10) / 10).toString()} ms`;
  return `${Math.round(ms)} ms`;
}
