import type winston from 'winston';
import { format as winstonFormat } from './winston-parts';
import type { LogFormat } from '../entrypoint/entrypoint-settings';
import { createTimestamp } from './create-timestamp';
import { renderJson } from './render-json';
import { renderLogfmt } from './render-logfmt';
import { renderColor, renderPlain, renderSimple } from './render-text';
import { splitInfo, type RecordParts } from './split-info';
import type { SecretMask } from './secret-mask';
import { MESSAGE, type WinstonInfo } from './winston-info';
import { KeelError } from '../errors';

const RENDERERS: Readonly<Record<LogFormat, (parts: RecordParts) => string>> = {
  json: renderJson,
  color: renderColor,
  plain: renderPlain,
  simple: renderSimple,
  logfmt: renderLogfmt,
};

/** Formats whose line carries a timestamp (plain and simple, like winston's simple, do not). */
const TIMESTAMPED: ReadonlySet<LogFormat> = new Set<LogFormat>(['json', 'color', 'logfmt']);

/**
 * The winston format that turns an info into keel's finished line (info[MESSAGE])
 * in one of the five formats, timestamped per `dateFormat` (see
 * createTimestamp) where the format shows time. Secret values are masked
 * in the finished line, so every part of a record (message, meta, stacks,
 * causes) is covered in every format. Throws a TypeError for an unknown format,
 * before any record is written.
 */
export function createLineFormat(format: LogFormat, dateFormat: string, secrets?: SecretMask): winston.Logform.Format {
  const render = Object.hasOwn(RENDERERS, format) ? RENDERERS[format] : undefined;
  if (render === undefined) {
    throw new KeelError(
      'INVALID_SETTINGS',
      `Unknown log format "${String(format)}"; expected one of ${Object.keys(RENDERERS).join(', ')}.`,
    );
  }
  const stamp = TIMESTAMPED.has(format) ? createTimestamp(dateFormat) : undefined;
  const finish = secrets === undefined ? render : (parts: RecordParts) => secrets.mask(render(parts));
  // One format, as winston.format.timestamp then keel's line would be (the timestamp replaces any in the meta).
  return winstonFormat((info) => {
    if (stamp !== undefined) info['timestamp'] = stamp();
    info[MESSAGE] = finish(splitInfo(info as WinstonInfo));
    return info;
  })();
}
