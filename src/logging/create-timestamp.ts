import { format } from './winston-parts';

/**
 * The timestamp text of a record, computed at most once per millisecond: a busy
 * service logs many records per millisecond, and building the date string was
 * the largest single cost per record. `dateFormat` is 'ISO' (ISO 8601, UTC) or a
 * fecha pattern such as 'YYYY-MM-DD HH:mm:ss' (local time). ISO is the Date's own
 * text, so the default never loads logform's timestamp format or fecha.
 */
export function createTimestamp(dateFormat: string): () => string {
  const iso = dateFormat === '' || dateFormat.toUpperCase() === 'ISO';
  // logform formats the pattern with fecha; reusing its format keeps fecha an
  // implementation detail of winston rather than an import of keel.
  const patterned = iso ? undefined : format.timestamp({ format: dateFormat });
  let lastMs = Number.NaN;
  let lastText = '';
  return () => {
    const ms = Date.now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastText =
        patterned === undefined
          ? new Date(ms).toISOString()
          : String((patterned.transform({ level: '', message: '' }, patterned.options) as { timestamp?: unknown }).timestamp);
    }
    return lastText;
  };
}
