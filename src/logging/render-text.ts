import { inspect } from 'node:util';
import type { LogMeta } from './logger';
import type { RecordParts } from './split-info';
import { stringifyJson } from './stringify-json';

const RESET = '\u001b[39m';
const GRAY = '\u001b[90m';
const LEVEL_COLORS: Readonly<Record<string, string>> = { error: '\u001b[31m', warn: '\u001b[33m', info: '\u001b[32m', debug: '\u001b[34m' };

/** The message alone; errors in meta still follow as stacks. */
export function renderPlain(parts: RecordParts): string {
  return parts.message + errorLines(parts);
}

/** `level: message {meta}` like winston's simple format, errors as stacks on the following lines. */
export function renderSimple(parts: RecordParts): string {
  return `${parts.level}: ${parts.message}${metaSuffix(parts)}${errorLines(parts)}`;
}

/** For terminals: gray timestamp, colored level padded to one width, message, meta, stacks. */
export function renderColor(parts: RecordParts): string {
  const color = LEVEL_COLORS[parts.level] ?? '';
  const pad = ' '.repeat(Math.max(0, 5 - parts.level.length));
  const time = parts.timestamp === undefined ? '' : `${GRAY}${parts.timestamp}${RESET} `;
  return `${time}${color}${parts.level}${RESET}${pad} ${parts.message}${metaSuffix(parts)}${errorLines(parts)}`;
}

function metaSuffix({ meta, hasErrors }: RecordParts): string {
  if (meta === undefined) return '';
  const rest = hasErrors ? withoutErrors(meta) : meta;
  if (rest === undefined) return '';
  return ' ' + stringifyJson(rest);
}

function withoutErrors(meta: LogMeta): LogMeta | undefined {
  let rest: LogMeta | undefined;
  for (const key of Object.keys(meta)) {
    if (!(meta[key] instanceof Error)) (rest ??= {})[key] = meta[key];
  }
  return rest;
}

// util.inspect prints an error as Node does for an uncaught one: the stack, its
// own fields such as `code`, and the `[cause]` chain; it never throws on cycles.
function errorLines({ meta, hasErrors }: RecordParts): string {
  if (!hasErrors || meta === undefined) return '';
  let lines = '';
  for (const key of Object.keys(meta)) {
    const value = meta[key];
    if (value instanceof Error) lines += '\n' + inspect(value, { colors: false, depth: 4, breakLength: Infinity });
  }
  return lines;
}
