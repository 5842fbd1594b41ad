/**
 * Stable error codes. A code never changes meaning once released, so callers may
 * branch on it instead of on message text.
 */
export type KeelErrorCode =
  | 'MISSING_PROVIDER'
  | 'DEPENDENCY_CYCLE'
  | 'MODULE_CYCLE'
  | 'DUPLICATE_PROVIDER'
  | 'INVALID_PROVIDER'
  | 'INVALID_MODULE'
  | 'TRANSIENT_LIFECYCLE'
  | 'RESOLUTION_FAILED'
  | 'HOOK_FAILED'
  | 'HOOK_TIMEOUT'
  | 'START_ABORTED'
  | 'STOP_FAILED'
  | 'SHUTDOWN_TIMEOUT'
  | 'INVALID_STATE'
  | 'NO_APPLICATION'
  | 'INVALID_SETTINGS'
  | 'INVALID_CONFIG'
  | 'ENV_FILE'
  | 'POOL_CLOSED'
  | 'WORKER_FAILED'
  | 'LEAKED_RESOURCES';

export interface KeelErrorOptions {
  cause?: unknown;
  /** The chain of modules and providers that led here, outermost first. */
  path?: readonly string[];
  /** One line telling the reader what to do about it. */
  hint?: string;
}

/**
 * The one base class of every error keel throws: a one-line summary, then the
 * resolution path, then a hint. `code` is stable; `cause` keeps the original error.
 */
export class KeelError extends Error {
  readonly code: KeelErrorCode;
  readonly path: readonly string[];
  readonly hint: string | undefined;

  constructor(code: KeelErrorCode, summary: string, options: KeelErrorOptions = {}) {
    super(formatMessage(summary, options), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.path = options.path ?? [];
    this.hint = options.hint;
  }
}

function formatMessage(summary: string, { path, hint }: KeelErrorOptions): string {
  const lines = [summary];
  if (path && path.length > 0) lines.push(`Resolution path: ${path.join(' -> ')}`);
  if (hint) lines.push(`Hint: ${hint}`);
  return lines.join('\n');
}

/** A short, human name for an error-like value, for one-line messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
