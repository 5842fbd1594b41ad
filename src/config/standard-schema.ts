/*
 * The parts of the Standard Schema v1 interface (https://standardschema.dev) that
 * keel reads, declared here so that no runtime dependency is needed. zod (3.24+, 4),
 * valibot (1), arktype and others implement it.
 */

export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaProps<Input, Output>;
}

export interface StandardSchemaProps<Input = unknown, Output = Input> {
  readonly version: 1;
  readonly vendor: string;
  readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
}

export type StandardResult<Output> =
  { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<StandardIssue> };

export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

export type InferStandardOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output'];

/** True for anything carrying a `~standard` property (objects, and functions such as arktype types). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && '~standard' in value;
}

/**
 * `DB.port`, `HOSTS[2]`; `(config)` for an issue about the whole input. A nested
 * segment that is a piece of `ownValue` (a record key parsed out of the value) is
 * shown as `<withheld>`.
 */
export function issueKey(issue: StandardIssue, ownValue: string | undefined): string {
  const segments = (issue.path ?? []).map((s) => (typeof s === 'object' && s !== null ? s.key : s));
  if (segments.length === 0) return '(config)';
  return segments
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = typeof key === 'symbol' ? (key.description ?? 'symbol') : key;
      const shown = i > 0 && ownValue !== undefined && name !== '' && ownValue.includes(name) ? '<withheld>' : name;
      return `${i === 0 ? '' : '.'}${shown}`;
    })
    .join('');
}

/** The top-level key an issue is about, if any: where its raw value lives in the input. */
export function issueRootKey(issue: StandardIssue): string | undefined {
  const first = issue.path?.[0];
  const key = typeof first === 'object' && first !== null ? first.key : first;
  return typeof key === 'string' ? key : undefined;
}

const WITHHELD = 'is invalid (the validator message quoted the value, so it is not shown)';

/**
 * A validator's message reduced to what was expected. Libraries append what they
 * received (valibot: `Expected number but received "abc"`, zod: `..., received
 * NaN`, arktype: `(was "abc")`), so everything from such a clause on is cut. Then,
 * since a custom message can say anything, the result is withheld entirely when
 * it still contains `ownValue` (the raw value at the issue's key) or any value of
 * `input` long enough to be recognisable. Only the first line is kept.
 */
export function safeIssueMessage(message: unknown, ownValue: string | undefined, input: Readonly<Record<string, unknown>>): string {
  let text = typeof message === 'string' ? (message.split('\n')[0] ?? '') : '';
  text = text
    .replace(/\s*\(was\b[\s\S]*$/i, '')
    .replace(/[\s,;:.]*\bbut\b[\s\S]*$/i, '')
    .replace(/[\s,;:.]*\b(?:received|got)\b[\s\S]*$/i, '')
    .replace(/[\s,;:.]+$/, '')
    .trim();
  if (text === '') return 'is invalid';
  if (ownValue !== undefined && ownValue !== '' && mentions(text, ownValue)) return WITHHELD;
  for (const value of Object.values(input)) {
    if (typeof value === 'string' && value.length >= 4 && mentions(text, value)) return WITHHELD;
  }
  return text;
}

/** `value` appears as a whole word (or, when long, anywhere), raw or JSON-escaped. */
function mentions(text: string, value: string): boolean {
  for (const form of new Set([value, JSON.stringify(value).slice(1, -1)])) {
    if (form.length >= 8 ? text.includes(form) : containsWord(text, form)) return true;
  }
  return false;
}

function containsWord(text: string, word: string): boolean {
  const isWordChar = (ch: string | undefined) => ch !== undefined && /\w/.test(ch);
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    if (!isWordChar(text[i - 1]) && !isWordChar(text[i + word.length])) return true;
  }
  return false;
}
