import type { RecordParts } from './split-info';
import { stringifyJson } from './stringify-json';

/**
 * One JSON object: timestamp, level, message, then the meta keys (which cannot
 * replace those three). Errors become { name, message, stack, code, ... }.
 */
export function renderJson({ timestamp, level, message, meta }: RecordParts): string {
  let head = timestamp === undefined ? '{' : `{"timestamp":${JSON.stringify(timestamp)},`;
  head += `"level":${JSON.stringify(level)},"message":${JSON.stringify(message)}`;
  if (meta === undefined) return head + '}';
  const rest = stringifyJson(meta);
  return rest.length > 2 ? `${head},${rest.slice(1)}` : head + '}';
}
