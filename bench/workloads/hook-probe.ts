import { performance } from 'node:perf_hooks';
import type { HookPhase } from '../frameworks/framework-adapter';

/** When each hook began and ended: wall-clock times and a global sequence, per phase and service id. */
export interface HookProbe {
  begin(id: number, phase: HookPhase): void;
  end(id: number, phase: HookPhase): void;
  readonly times: Record<HookPhase, { begin: number[]; end: number[] }>;
  readonly sequence: Record<HookPhase, { begin: number[]; end: number[] }>;
  /** Hooks that ran more than once (a framework calling a hook twice is an ordering bug too). */
  readonly repeats: number;
}

export function createHookProbe(): HookProbe {
  let next = 0;
  let repeats = 0;
  const times = { start: { begin: [] as number[], end: [] as number[] }, stop: { begin: [] as number[], end: [] as number[] } };
  const sequence = { start: { begin: [] as number[], end: [] as number[] }, stop: { begin: [] as number[], end: [] as number[] } };
  return {
    times,
    sequence,
    get repeats() {
      return repeats;
    },
    begin(id, phase) {
      if (sequence[phase].begin[id] !== undefined) repeats++;
      sequence[phase].begin[id] = next++;
      times[phase].begin[id] = performance.now();
    },
    end(id, phase) {
      sequence[phase].end[id] = next++;
      times[phase].end[id] = performance.now();
    },
  };
}
