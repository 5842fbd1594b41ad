import { KeelError } from '../errors';

export interface TimelineSetting {
  /** Whether the application records its hook runs (app.timeline()). */
  record: boolean;
  /** Where the HTML timeline goes after stop; the timings and trace files go next to it. */
  path: string | undefined;
}

/**
 * The `timeline` option, else KEEL_TIMELINE (a path; empty means off), else off;
 * debug logging records too, for the start report's critical path and slowest hooks.
 * Kept apart from resolveSettings: it is an application option that also has a variable.
 */
export function resolveTimeline(
  option: boolean | string | undefined,
  options: { debug: boolean; env?: NodeJS.ProcessEnv },
): TimelineSetting {
  const env = options.env ?? process.env;
  let path: string | undefined;
  let record = options.debug;
  if (option !== undefined) {
    if (typeof option === 'string') {
      if (option.trim() === '') throw invalid(`timeline must be true, false or a file path, got ${JSON.stringify(option)}`);
      path = option;
    } else if (typeof option !== 'boolean') {
      throw invalid(`timeline must be true, false or a file path, got a ${typeof option}`);
    }
    record ||= option !== false;
  } else if (env.KEEL_TIMELINE !== undefined && env.KEEL_TIMELINE.trim() !== '') {
    path = env.KEEL_TIMELINE;
    record = true;
  }
  return { record, path };
}

function invalid(problem: string): KeelError {
  return new KeelError('INVALID_SETTINGS', `Invalid entrypoint settings: 1 problem(s).\n  ${problem}`, {
    hint: 'pass a path such as "timeline.html", true (record for app.timeline() only) or false.',
  });
}
