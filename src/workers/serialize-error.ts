import { KeelError, type KeelErrorCode } from '../errors';

/**
 * Errors as they cross the thread boundary. Structured clone keeps only the
 * message, the stack and built-in error types: a custom `name`, a `code` and
 * other own properties would be lost, so the worker sends this plain shape.
 */
export interface SerializedError {
  name: string;
  message: string;
  stack: string | undefined;
  /** Own enumerable properties that survive structured clone (`code`, `errno`...). */
  props: Record<string, unknown>;
  cause?: SerializedError;
  /** Set for a KeelError (of the worker's copy of keel), so the main thread rebuilds one. */
  keel?: { summary: string };
}

const MAX_CAUSE_DEPTH = 8;
const OWN_FIELDS = new Set(['name', 'message', 'stack', 'cause']);
const BUILTIN_ERRORS: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  ReferenceError,
  SyntaxError,
  EvalError,
  URIError,
};

/** Worker side: any thrown value to a cloneable description. Never throws. */
export function serializeError(thrown: unknown, depth = 0): SerializedError {
  if (!(thrown instanceof Error)) {
    return { name: 'Error', message: `Non-error value thrown: ${describeValue(thrown)}`, stack: undefined, props: {} };
  }
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(thrown)) {
    if (OWN_FIELDS.has(key)) continue;
    try {
      props[key] = structuredClone((thrown as unknown as Record<string, unknown>)[key]);
    } catch {
      // Not cloneable (a function, a socket...): the caller cannot use it anyway.
    }
  }
  const serialized: SerializedError = { name: thrown.name, message: thrown.message, stack: thrown.stack, props };
  if (KeelError.is(thrown)) serialized.keel = { summary: thrown.summary };
  if (thrown.cause !== undefined && depth < MAX_CAUSE_DEPTH) serialized.cause = serializeError(thrown.cause, depth + 1);
  return serialized;
}

/**
 * Main-thread side: an Error with the worker's name, message, stack, properties and
 * causes. A worker's KeelError comes back as a KeelError (its subclass becomes its
 * `name`), so `KeelError.is(error, code)` holds on both sides of the thread boundary.
 */
export function deserializeError(serialized: SerializedError): Error {
  const Type = BUILTIN_ERRORS[serialized.name] ?? Error;
  const cause = serialized.cause === undefined ? undefined : { cause: deserializeError(serialized.cause) };
  const error = serialized.keel ? rebuildKeelError(serialized, cause) : new Type(serialized.message, cause);
  if (error.name !== serialized.name) {
    Object.defineProperty(error, 'name', { value: serialized.name, writable: true, configurable: true, enumerable: false });
  }
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  Object.assign(error, serialized.props);
  return error;
}

function rebuildKeelError(serialized: SerializedError, cause: { cause: Error } | undefined): KeelError {
  const { code, path, hint } = serialized.props as { code: KeelErrorCode; path?: readonly string[]; hint?: string };
  const error = new KeelError(code, serialized.keel!.summary, { ...cause, path, hint });
  // The worker's message as it was, with any detail lines its subclass wrote.
  error.message = serialized.message;
  return error;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
