import type { RecordParts } from './split-info';
import { toJsonValue } from './stringify-json';

// Anything a logfmt parser would split on, or could not read back unquoted;
// control characters are exactly what must be matched here.
// eslint-disable-next-line no-control-regex
const NEEDS_QUOTES = /[\s"=\\\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const BAD_KEY_CHARS = /[\s"=\\\u0000-\u001f\u007f]/g;

/**
 * `ts=... level=info msg="..." key=value` on one line. Nested meta is flattened
 * to dotted keys (`user.id=7`), errors to `error.name`, `error.message`,
 * `error.stack` (newlines escaped, so the record stays one line for parsers).
 */
export function renderLogfmt({ timestamp, level, message, meta }: RecordParts): string {
  let line = timestamp === undefined ? '' : `ts=${formatString(timestamp)} `;
  line += `level=${formatString(level)} msg=${formatString(message)}`;
  if (meta === undefined) return line;
  const pairs: string[] = [];
  appendPairs(pairs, '', toJsonValue(meta));
  return pairs.length === 0 ? line : `${line} ${pairs.join(' ')}`;
}

function appendPairs(pairs: string[], key: string, value: unknown): void {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0 && key !== '') pairs.push(`${formatKey(key)}=${Array.isArray(value) ? '[]' : '{}'}`);
    for (const inner of keys) appendPairs(pairs, key === '' ? inner : `${key}.${inner}`, (value as Record<string, unknown>)[inner]);
    return;
  }
  pairs.push(`${formatKey(key)}=${typeof value === 'string' ? formatString(value) : String(value)}`);
}

function formatKey(key: string): string {
  return key === '' ? '_' : key.replace(BAD_KEY_CHARS, '_');
}

// JSON string escaping is exactly logfmt's: \" \\ \n \t and \uXXXX for control characters.
function formatString(value: string): string {
  return value === '' || NEEDS_QUOTES.test(value) ? JSON.stringify(value) : value;
}
