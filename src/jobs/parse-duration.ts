/** A span of time: milliseconds, or a string such as `'500ms'`, `'5s'`, `'1m'`, `'1h'` (a bare number string is ms). */
export type Duration = number | string;

// The same grammar as configSchema.duration(), so a configured value can be passed straight through.
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)?$/;
const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Milliseconds for `value`, or undefined when it is neither a finite number >= 0 nor a duration string. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = DURATION.exec(value.trim());
  return match ? Number(match[1]) * UNITS[match[2] ?? 'ms']! : undefined;
}
