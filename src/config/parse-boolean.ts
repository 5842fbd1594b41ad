const WORDS = new Map<string, boolean>([
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
  ['on', true],
  ['off', false],
  ['1', true],
  ['0', false],
]);

/** The words both KEEL_* settings and configSchema.boolean() accept, for messages. */
export const BOOLEAN_WORDS = 'true/false, yes/no, on/off, 1/0';

/**
 * The one reading of a boolean from text, for entrypoint settings and config alike:
 * true/false, yes/no, on/off, 1/0, in any letter case, spaces around ignored.
 * Anything else is undefined, for the caller to report.
 */
export function parseBoolean(text: string): boolean | undefined {
  return WORDS.get(text.trim().toLowerCase());
}
