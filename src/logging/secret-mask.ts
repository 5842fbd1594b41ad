/** What a masked secret value reads as in a log line. */
export const SECRET_PLACEHOLDER = '[secret]';

/** Secrets shorter than this are refused at validation: masking them would mask ordinary text. */
export const MIN_SECRET_LENGTH = 8;

/**
 * The secret values of one application, and the one function that hides them in
 * a finished log line. Each value is matched as written and as JSON escapes it
 * (once and twice: a message embedding JSON.stringify(process.env), rendered as
 * JSON), longest first, so a secret inside another is not half-masked. With no
 * secret added, mask() returns its input after one property read: the logger's
 * hot path pays nothing when no config key is secret.
 */
export class SecretMask {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  /** How many distinct secret values are masked. */
  get size(): number {
    return this.values.size;
  }

  /** Adds values to mask; values shorter than MIN_SECRET_LENGTH are ignored (validation refuses them first). */
  add(values: Iterable<string>): void {
    let added = false;
    for (const value of values) {
      if (value.length < MIN_SECRET_LENGTH || this.values.has(value)) continue;
      this.values.add(value);
      added = true;
    }
    if (added) this.pattern = buildPattern(this.values);
  }

  /** `text` with every secret value replaced by SECRET_PLACEHOLDER. */
  mask(text: string): string {
    const pattern = this.pattern;
    return pattern === undefined ? text : text.replace(pattern, SECRET_PLACEHOLDER);
  }
}

function buildPattern(values: ReadonlySet<string>): RegExp {
  const forms = new Set<string>();
  for (const value of values) {
    const once = JSON.stringify(value).slice(1, -1);
    forms.add(value).add(once).add(JSON.stringify(once).slice(1, -1));
  }
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
