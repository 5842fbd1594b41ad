import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, populate } from 'dotenv';
import { KeelError } from '../errors';
import { scanEnvFile, type MalformedLine } from './scan-env-file';

export interface LoadEnvOptions {
  /** The .env file; relative paths resolve against the current directory. */
  path: string;
  /** Where the variables go; `process.env` unless given. */
  env?: NodeJS.ProcessEnv;
}

export interface LoadEnvResult {
  /** false when the file does not exist. */
  loaded: boolean;
  /** The names this call set, in file order; names already in `env` are left alone and not listed. */
  keys: string[];
}

/**
 * @internal
 * Reads a .env file into `env` without overriding any variable already set
 * there (an empty string counts as set). A missing file is fine. A file that
 * exists but cannot be read, or that has a line dotenv would silently skip,
 * throws KeelError 'ENV_FILE' naming the file and the line numbers; nothing is
 * written to `env` then. Values never appear in messages or on any stream.
 *
 * The file is read once and handed to dotenv's parse/populate rather than to
 * config(): the bytes validated are the bytes loaded, nothing is printed, and
 * DOTENV_* variables cannot switch parser, override or debug output behind keel's back.
 */
export function loadEnv(options: LoadEnvOptions): LoadEnvResult {
  const env = options.env ?? process.env;
  const file = resolve(options.path);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (cause) {
    if (errorCode(cause) === 'ENOENT') return { loaded: false, keys: [] };
    throw new KeelError('ENV_FILE', `Cannot read env file "${file}": ${readFailure(cause)}.`, {
      cause,
      hint: 'make it a readable file, or point envFile / KEEL_ENV_FILE elsewhere.',
    });
  }
  const { problems } = scanEnvFile(source);
  if (problems.length > 0) throw malformed(file, problems);
  const applied = populate(env, parse(source), { override: false });
  return { loaded: true, keys: Object.keys(applied) };
}

function malformed(file: string, problems: readonly MalformedLine[]): KeelError {
  const where = (p: MalformedLine) => `line ${p.line}${p.key === undefined ? '' : ` ("${p.key}")`}`;
  const summary =
    problems.length === 1
      ? `Malformed ${where(problems[0]!)} in env file "${file}": ${problems[0]!.reason}.`
      : [`Env file "${file}" has ${problems.length} malformed lines:`, ...problems.map((p) => `  ${where(p)}: ${p.reason}`)].join('\n');
  return new KeelError('ENV_FILE', summary, {
    hint: 'write KEY=value (values spanning lines go in quotes); dotenv would silently skip these lines. Values are never shown.',
  });
}

function errorCode(error: unknown): string | undefined {
  return error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function readFailure(error: unknown): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${errorCode(error)})`;
    case 'EISDIR':
      return 'it is a directory (EISDIR)';
    case 'ENOTDIR':
      return 'a part of the path is not a directory (ENOTDIR)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
