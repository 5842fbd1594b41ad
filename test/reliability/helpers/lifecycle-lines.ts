import { jsonLines } from '../../integration/helpers/spawn-app';

/** The messages of JSON log lines. */
export const messages = (lines: readonly string[]) => jsonLines(lines).map((r) => String(r.message));

/** The finished hooks of the chain fixture ("start S1", "stop S1"), in the order they were logged. */
export const finishedHooks = (lines: readonly string[]) => messages(lines).filter((m) => /^(start|stop) S\d+$/.test(m));

/** Every hook line of the chain fixture, begins included. */
export const hookLines = (lines: readonly string[]) => messages(lines).filter((m) => /^(start|stop) S\d+( begin)?$/.test(m));

/** `start S1..S<to>` then `stop S<to>..S1`: what a chain whose first `to` services started logs when it stops. */
export function startedThenStopped(to: number): string[] {
  const up = Array.from({ length: to }, (_, i) => `start S${i + 1}`);
  const down = Array.from({ length: to }, (_, i) => `stop S${to - i}`);
  return [...up, ...down];
}

/** The timestamp (ms since epoch) of the first JSON line whose message is `message`. */
export function loggedAt(lines: readonly string[], message: string): number {
  const record = jsonLines(lines).find((r) => r.message === message);
  if (!record) throw new Error(`no line "${message}" in:\n${lines.join('\n')}`);
  return Date.parse(String(record.timestamp));
}
