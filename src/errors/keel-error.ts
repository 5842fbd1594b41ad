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
  | 'ALREADY_BOOTSTRAPPED'
  | 'FORCED_EXIT'
  | 'STOP_FAILED'
  | 'SHUTDOWN_TIMEOUT'
  | 'INVALID_STATE'
  | 'NO_APPLICATION'
  | 'INVALID_SETTINGS'
  | 'INVALID_CONFIG'
  | 'ENV_FILE'
  | 'POOL_CLOSED'
  | 'WORKER_FAILED'
  | 'INVALID_JOB'
  | 'JOB_FAILED'
  | 'LEAKED_RESOURCES';

export interface KeelErrorOptions {
  cause?: unknown;
  /** The chain of modules and providers that led here, outermost first. */
  path?: readonly string[];
  /** One line telling the reader what to do about it. */
  hint?: string;
  /** Lines between the summary and the path: what followed from the failure (a rollback, other failures). */
  details?: readonly string[];
}

// A registered symbol, the same in every realm and in every copy of keel a process
// loads, so KeelError.is() recognises errors that `instanceof` would not.
const BRAND: unique symbol = Symbol.for('keel.KeelError');

/**
 * The one base class of every error keel throws: a one-line summary, then the
 * resolution path, then a hint. `code` is stable; `cause` keeps the original error.
 * Subclasses take `(summary, options)`, their data in `options`.
 */
export class KeelError extends Error {
  readonly code: KeelErrorCode;
  readonly path: readonly string[];
  readonly hint: string | undefined;
  readonly #summary: string;

  constructor(code: KeelErrorCode, summary: string, options: KeelErrorOptions = {}) {
    super(formatMessage(summary, options), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.#summary = summary;
    this.path = options.path ?? [];
    this.hint = options.hint;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The first part of the message: what failed, without details, path and hint. */
  get summary(): string {
    return this.#summary;
  }

  /**
   * Whether `value` is a KeelError (with `code`, when given). Unlike `instanceof` it
   * holds across realms (vm contexts) and across two copies of keel in one process.
   */
  static is<C extends KeelErrorCode = KeelErrorCode>(value: unknown, code?: C): value is KeelError & { readonly code: C } {
    if (typeof value !== 'object' || value === null || (value as { [BRAND]?: unknown })[BRAND] !== true) return false;
    return code === undefined || (value as KeelError).code === code;
  }
}

function formatMessage(summary: string, { path, hint, details }: KeelErrorOptions): string {
  const lines = [summary, ...(details ?? [])];
  if (path && path.length > 0) lines.push(`Resolution path: ${path.join(' -> ')}`);
  if (hint) lines.push(`Hint: ${hint}`);
  return lines.join('\n');
}

/** A short, human name for an error-like value, for one-line messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
